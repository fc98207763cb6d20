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

/**
 * Creates the connector, or gives it its new configuration when it exists (the deploy program runs it again
 * after each change of connect/position-sink.json).
 */
export async function deployConnector(connectUrl: string, connector: Connector): Promise<void> {
  // TODO: one call of Connect's REST API (fetch) that creates the connector or updates its configuration.
  throw new Error(`TODO: deploy the connector ${connector.name} to ${connectUrl} (src/connect.ts)`);
}

/** What Connect reports of the connector and its tasks. */
export async function connectorState(connectUrl: string, name: string): Promise<ConnectorState> {
  // TODO: GET the connector's status, and return its state and its tasks' states.
  throw new Error(`TODO: the state of the connector ${name} at ${connectUrl} (src/connect.ts)`);
}

/**
 * Stops the connector consuming, keeping it, its tasks and its offsets; resolves once the connector and every
 * task report PAUSED (Connect answers at once, and pauses them a moment later).
 */
export async function pauseConnector(connectUrl: string, name: string): Promise<void> {
  // TODO
  throw new Error(`TODO: pause the connector ${name} at ${connectUrl} (src/connect.ts)`);
}

/** Makes a paused connector consume again; resolves once the connector and every task report RUNNING. */
export async function resumeConnector(connectUrl: string, name: string): Promise<void> {
  // TODO
  throw new Error(`TODO: resume the connector ${name} at ${connectUrl} (src/connect.ts)`);
}
