import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { EnvironmentError } from '../cli/errors.js';
import { fromEnv } from '../services/backend.js';
import { labFolder, pollUntil } from './environment.js';

/** A connector's configuration as Connect's REST API takes it: `POST /connectors` with this body. */
export interface ConnectorDefinition {
  name: string;
  config: Record<string, string>;
}

/** GET /connectors/{name}/status, shortened: the connector's state and each task's (with its error, if any). */
export interface ConnectorStatus {
  connector: string;
  tasks: { id: number; state: string; trace?: string }[];
}

/** Workshop 5's Kafka Connect REST API, as the tool started it for these checks. */
export function connectUrl(): string {
  const connect = fromEnv().connect;
  if (!connect) throw new EnvironmentError('no Kafka Connect address (KAFKA_CONNECT_URL): run the checks with `pnpm lab 5`');
  return connect.url;
}

export function elasticsearchUrl(): string {
  const elasticsearch = fromEnv().elasticsearch;
  if (!elasticsearch) throw new EnvironmentError('no Elasticsearch address (ELASTICSEARCH_URL): run the checks with `pnpm lab 5`');
  return elasticsearch.url;
}

// Loaded on first use: only workshop 5's checks talk to Elasticsearch, and its client takes 0.4 s of CPU to load.
const require = createRequire(import.meta.url);
const newClient = (node: string): Client => new (require('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch')).Client({ node });

/** One Elasticsearch client for all the checks of a check file (they poll): closed by the setup file. */
let sharedClient: Client | undefined;

export function elasticsearch(): Client {
  sharedClient ??= newClient(elasticsearchUrl());
  return sharedClient;
}

export async function closeElasticsearch(): Promise<void> {
  const client = sharedClient;
  sharedClient = undefined;
  await client?.close();
}

/** A client of the Elasticsearch at `url` for the time of `use` (the tool's commands). */
export async function withElasticsearch<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = newClient(url);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

/** Elasticsearch must answer before the checks run: if not, that is the environment, never the trainee's code. */
export async function requireElasticsearch(): Promise<void> {
  const answer = await fetch(`${elasticsearchUrl()}/_cluster/health`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  if (!answer?.ok) throw new EnvironmentError(`Elasticsearch does not answer at ${elasticsearchUrl()}: start it again with \`pnpm lab up 5\` (\`pnpm lab status\` shows what runs)`);
}

/** Connect must answer, with an Elasticsearch sink connector installed (the workbook's 5.1: the tool installs it). */
export async function requireConnect(): Promise<void> {
  const answer = await fetch(`${connectUrl()}/connector-plugins`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  if (!answer?.ok) throw new EnvironmentError(`Kafka Connect does not answer at ${connectUrl()}: start it again with \`pnpm lab up 5\` (\`pnpm lab status\` shows what runs)`);
  const plugins = (await answer.json()) as { class: string }[];
  if (!plugins.some((p) => p.class.endsWith('.ElasticsearchSinkConnector'))) {
    throw new EnvironmentError(`Kafka Connect at ${connectUrl()} has no Elasticsearch sink connector installed (it has ${plugins.map((p) => p.class).join(', ') || 'none'}): restart it with \`pnpm lab down\`, then \`pnpm lab 5\``);
  }
}

/** One call of Connect's REST API: its HTTP status and its JSON answer (undefined when empty). */
export async function connectRequest<T = unknown>(method: string, urlPath: string, body?: unknown, url = connectUrl()): Promise<{ status: number; body: T }> {
  const answer = await fetch(`${url}${urlPath}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await answer.text();
  return { status: answer.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A connector configuration of the lab (connect/<file>), with some keys replaced by the check's own. */
export function labConnector(file: string, replace: Record<string, string> & { name: string }): ConnectorDefinition {
  file = path.join(labFolder(), 'connect', file);
  const { config } = JSON.parse(fs.readFileSync(file, 'utf8')) as ConnectorDefinition;
  const { name, ...keys } = replace;
  return { name, config: { ...config, ...keys, name } };
}

/** Creates or updates a connector with the checks' own REST call (PUT /connectors/{name}/config). */
export async function putConnector({ name, config }: ConnectorDefinition): Promise<void> {
  const { status, body } = await connectRequest<{ message?: string }>('PUT', `/connectors/${encodeURIComponent(name)}/config`, config);
  if (status >= 300) throw new Error(`Kafka Connect refused the connector ${name} (HTTP ${status}): ${body?.message ?? ''}`);
}

/** The connector's status, or undefined when Connect does not know it. */
export async function connectorStatus(name: string): Promise<ConnectorStatus | undefined> {
  const { status, body } = await connectRequest<{ connector: { state: string }; tasks: { id: number; state: string; trace?: string }[] }>('GET', `/connectors/${encodeURIComponent(name)}/status`);
  if (status === 404) return undefined;
  return { connector: body.connector.state, tasks: body.tasks.map(({ id, state, trace }) => ({ id, state, ...(trace ? { trace: shortTrace(trace) } : {}) })) };
}

/** A task's Java stack trace in one line: its first line and, when there is one, its root cause ("Caused by"). */
function shortTrace(trace: string): string {
  const lines = trace.split('\n');
  const cause = lines.filter((l) => l.startsWith('Caused by: ')).pop()?.slice('Caused by: '.length);
  return cause ? `${lines[0]}, caused by ${cause}` : lines[0]!;
}

/** Polls the connector's status until the connector and every task (at least one) are in `state`; returns the last seen. */
export function waitForConnectorState(name: string, state: string, timeoutMs = 15_000): Promise<ConnectorStatus | undefined> {
  return pollUntil(() => connectorStatus(name), (s) => s?.connector === state && s.tasks.length > 0 && s.tasks.every((t) => t.state === state), { timeoutMs, intervalMs: 250 });
}

export async function deleteConnectors(names: string[], url = connectUrl()): Promise<void> {
  await Promise.all(names.map((name) => connectRequest('DELETE', `/connectors/${encodeURIComponent(name)}`, undefined, url).catch(() => {})));
}

export async function connectorNames(url = connectUrl()): Promise<string[]> {
  return (await connectRequest<string[]>('GET', '/connectors', undefined, url)).body;
}

/** A document of an index, as the checks compare it. */
export interface IndexedDocument {
  id: string;
  /** 1 for a document written once: each write of the same id adds one. */
  version: number;
  source: Record<string, unknown>;
}

/** Every document of an index (after a refresh, so that what was written is searchable); [] when it does not exist. */
export async function indexedDocuments(index: string): Promise<IndexedDocument[]> {
  const client = elasticsearch();
  if (!(await client.indices.exists({ index }))) return [];
  await client.indices.refresh({ index });
  const { hits } = await client.search<Record<string, unknown>>({ index, size: 1000, version: true, query: { match_all: {} } });
  return hits.hits.map((hit) => ({ id: hit._id!, version: hit._version ?? 0, source: hit._source ?? {} }));
}

/**
 * The index's documents once it holds `count` (or more), or as soon as a task of the connector writing into it
 * has failed (nothing more will come); at the deadline, the last documents seen.
 */
export async function waitForDocuments(index: string, count: number, connector: string, timeoutMs = 15_000): Promise<IndexedDocument[]> {
  const seen = await pollUntil(
    async () => ({ docs: await indexedDocuments(index), status: await connectorStatus(connector) }),
    ({ docs, status }) => docs.length >= count || Boolean(status?.tasks.some((t) => t.state === 'FAILED')),
    { timeoutMs, intervalMs: 300 },
  );
  return seen.docs;
}

export async function deleteIndices(indices: string[], client = elasticsearch()): Promise<void> {
  if (indices.length) await client.indices.delete({ index: indices, ignore_unavailable: true });
}

export async function indexNames(client = elasticsearch()): Promise<string[]> {
  return Object.keys(await client.indices.get({ index: '*' }));
}
