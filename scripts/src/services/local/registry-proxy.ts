import http from 'node:http';

/**
 * Ours, not Apicurio's: the local schema registry's front door. Apicurio Registry serves Confluent's API under
 * /apis/ccompat/v7; this proxy serves it at the root like Confluent's registry, and answers the one request
 * where Apicurio differs in a way clients notice:
 *
 *   GET /config/{subject} for a subject with no compatibility level of its own: Confluent answers 404 (error
 *   40408), Apicurio 200 NONE. @kafkajs/confluent-schema-registry's register() sets the subject's level on a
 *   404, and throws "Compatibility does not match the configuration (BACKWARD != NONE)" on the 200.
 *
 * Usage: registry-proxy <port> <apicurio port>
 */
const [port, apicurioPort] = process.argv.slice(2).map(Number);
const upstream = `http://127.0.0.1:${apicurioPort}`;

const server = http.createServer((request, response) => {
  void handle(request, response).catch((error: Error) => badGateway(response, error));
});
server.listen(port, '127.0.0.1', () => console.log(`schema registry proxy on 127.0.0.1:${port} → Apicurio on ${upstream}`));

async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://registry');
  const subject = /^\/config\/([^/]+)$/.exec(url.pathname)?.[1];
  if (request.method === 'GET' && subject && url.searchParams.get('defaultToGlobal') !== 'true' && !(await hasOwnCompatibility(subject))) {
    const name = decodeURIComponent(subject);
    response.writeHead(404, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
    response.end(JSON.stringify({ error_code: 40408, message: `Subject '${name}' does not have subject-level compatibility configured` }));
    return;
  }
  const forwarded = http.request(`${upstream}/apis/ccompat/v7${url.pathname}${url.search}`, { method: request.method, headers: { ...request.headers, host: `127.0.0.1:${apicurioPort}` } }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  forwarded.on('error', (error) => badGateway(response, error));
  request.pipe(forwarded);
}

function badGateway(response: http.ServerResponse, error: Error): void {
  if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error_code: 50200, message: `the local schema registry (Apicurio) did not answer: ${error.message}` }));
}

/** Whether the subject (an artifact of Apicurio's default group) has a compatibility rule of its own. */
async function hasOwnCompatibility(subject: string): Promise<boolean> {
  const answer = await fetch(`${upstream}/apis/registry/v3/groups/default/artifacts/${subject}/rules`);
  if (answer.status === 404) return false;
  if (!answer.ok) throw new Error(`GET the rules of ${decodeURIComponent(subject)}: HTTP ${answer.status}`);
  return ((await answer.json()) as string[]).includes('COMPATIBILITY');
}
