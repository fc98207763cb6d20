/** A connector as Kafka Connect's REST API takes it (connect/position-sink.json). */
export interface Connector {
  name: string;
  config: Record<string, string>;
}

/** The state of a connector and of each of its tasks: RUNNING, PAUSED, FAILED, UNASSIGNED… */
export interface ConnectorState {
  connector: string;
  tasks: string[];
}

async function call(connectUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const answer = await fetch(`${connectUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${method} ${path}: HTTP ${answer.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Creates the connector, or gives it its new configuration when it exists: PUT /connectors/{name}/config does
 * both (POST /connectors answers 409 Conflict for a connector that exists).
 */
export async function deployConnector(connectUrl: string, { name, config }: Connector): Promise<void> {
  await call(connectUrl, 'PUT', `/connectors/${encodeURIComponent(name)}/config`, config);
}

export async function connectorState(connectUrl: string, name: string): Promise<ConnectorState> {
  const status = (await call(connectUrl, 'GET', `/connectors/${encodeURIComponent(name)}/status`)) as { connector: { state: string }; tasks: { state: string }[] };
  return { connector: status.connector.state, tasks: status.tasks.map((t) => t.state) };
}

/** Resolves once the connector and all its tasks report `state` (Connect answers 202 at once, and acts a moment later). */
async function untilState(connectUrl: string, name: string, state: string): Promise<void> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const now = await connectorState(connectUrl, name);
    if (now.connector === state && now.tasks.length > 0 && now.tasks.every((t) => t === state)) return;
  }
  throw new Error(`connector ${name} did not become ${state} within 15 s`);
}

/** Stops consuming, keeping the connector, its tasks and its offsets: PUT /connectors/{name}/pause. */
export async function pauseConnector(connectUrl: string, name: string): Promise<void> {
  await call(connectUrl, 'PUT', `/connectors/${encodeURIComponent(name)}/pause`);
  await untilState(connectUrl, name, 'PAUSED');
}

/** Consumes again from the offsets it had committed: PUT /connectors/{name}/resume. */
export async function resumeConnector(connectUrl: string, name: string): Promise<void> {
  await call(connectUrl, 'PUT', `/connectors/${encodeURIComponent(name)}/resume`);
  await untilState(connectUrl, name, 'RUNNING');
}
