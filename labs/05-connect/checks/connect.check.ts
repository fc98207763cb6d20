import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  connectorStatus, connectRequest, connectUrl, consumeAll, createTopic, elasticsearch, indexedDocuments, labConnector, pollUntil, positionRecord, putConnector, registryClient, uniqueName,
  waitForConnectorState, waitForDocuments, withProducer, type ConnectorDefinition, type IndexedDocument,
} from '@kafka-labs/tool/harness';
import { connectorState, deployConnector, pauseConnector, resumeConnector } from '#lab/connect';
import { createPositionIndex } from '#lab/position-index';

// Each task has a connector, a topic and an index of its own (the index is named after the topic, as the sink
// names it), so that one task's mistake never fails another's. What a task does not test is the reference's:
// the index of the connector tasks is created as the workbook's 5.2 creates it, and pause-resume runs the
// reference configuration, so that it judges pauseConnector and resumeConnector alone.

const es = elasticsearch();

/** The workbook's index: @timestamp a date in epoch milliseconds, no replica. */
async function referenceIndex(index: string): Promise<void> {
  await es.indices.create({ index, settings: { number_of_replicas: 0 }, mappings: { properties: { '@timestamp': { type: 'date', format: 'epoch_millis' } } } });
}

/** The configuration every task after connector-running would reach (the solution's), for pause-resume. */
const REFERENCE_CONFIG: Record<string, string> = {
  'connector.class': 'ElasticsearchSinkConnector',
  'tasks.max': '1',
  'connection.url': '${env:ELASTICSEARCH_URL}',
  'key.ignore': 'true',
  'schema.ignore': 'true',
  'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter.schemas.enable': 'false',
};

/**
 * A connector of the lab (connect/position-sink.json unless said) for the check's topic, and, when the lab's
 * has one, a dead letter queue of the check's.
 */
function labConnectorFor(topic: string, file = 'position-sink.json'): ConnectorDefinition {
  const connector = labConnector(file, { name: `${topic}-sink`, topics: topic });
  if (connector.config['errors.deadletterqueue.topic.name']) connector.config['errors.deadletterqueue.topic.name'] = `${topic}-dlq`;
  return connector;
}

/** What Connect says of a connector, for a failure's message: its state and its tasks' (with their error). */
async function described(name: string): Promise<string> {
  const status = await connectorStatus(name).catch((error: Error) => ({ connector: `unknown (${error.message})`, tasks: [] }));
  if (!status) return `connector ${name}: not known to Kafka Connect`;
  return `connector ${name}: ${status.connector}; ${status.tasks.map((t) => `task ${t.id} ${t.state}${t.trace ? ` (${t.trace})` : ''}`).join('; ') || 'no task'}`;
}

/** Positions of couriers with a Kafka timestamp each, some seconds in the past (each a different one). */
function positions(count: number, from = 0): { key: string; value: string; timestamp: string }[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({ ...positionRecord(`courier-${(from + i) % 7}`, from + i), timestamp: String(now - (count - i) * 1000) }));
}

async function write(topic: string, messages: { key: string; value: string | Buffer; timestamp?: string }[]): Promise<void> {
  await withProducer((p) => p.send({ topic, acks: -1, messages }));
}

/** A JSON value as one line, the fields of its objects in alphabetical order (a document's order is the connector's business). */
const canonical = (value: unknown): string => JSON.stringify(value, (_, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/** The documents' contents without what the SMT adds, sorted: to compare with `values`. */
const contents = (docs: IndexedDocument[]) => docs.map(({ source }) => canonical(Object.fromEntries(Object.entries(source).filter(([k]) => k !== '@timestamp')))).sort();

/** The records' values, as `contents` gives the documents. */
const values = (records: { value: string }[]) => records.map((r) => canonical(JSON.parse(r.value))).sort();

describe('position-index', () => {
  it('creates the index with @timestamp a date in epoch_millis and 0 replicas; called again, it leaves the index as it is', async () => {
    const index = uniqueName('position');
    await createPositionIndex(es, index);
    await es.index({ index, id: 'kept', document: { courierId: 'courier-0' }, refresh: true });
    await expect(createPositionIndex(es, index), `createPositionIndex(es, '${index}') called again, the index existing`).resolves.toBeUndefined();
    const mapping = (await es.indices.getMapping({ index }))[index]?.mappings.properties?.['@timestamp'];
    expect(mapping, `the mapping of @timestamp in ${index}`).toEqual({ type: 'date', format: 'epoch_millis' });
    const settings = (await es.indices.getSettings({ index }))[index]?.settings?.index;
    expect(settings?.number_of_replicas, `number_of_replicas of ${index}`).toBe('0');
    const kept = await es.exists({ index, id: 'kept' });
    expect(kept, 'the document written before the second call: still there').toBe(true);
  });
});

describe('connector-running', () => {
  it('deployConnector creates the connector of connect/position-sink.json and updates it; it runs with its tasks, as connectorState reports', async () => {
    const topic = uniqueName('running');
    await createTopic(topic, { numPartitions: 2, replicationFactor: 3 });
    const connector = labConnectorFor(topic);
    await deployConnector(connectUrl(), connector);
    const first = await waitForConnectorState(connector.name, 'RUNNING');
    expect(first?.connector, `${await described(connector.name)} (after deployConnector)`).toBe('RUNNING');

    const changed = { ...connector, config: { ...connector.config, 'tasks.max': '2' } };
    await expect(deployConnector(connectUrl(), changed), 'deployConnector called again for the same connector, with tasks.max 2').resolves.toBeUndefined();
    const { body: config } = await connectRequest<Record<string, string>>('GET', `/connectors/${encodeURIComponent(connector.name)}/config`);
    expect(config['tasks.max'], 'tasks.max of the connector, as Connect has it after the second deployConnector').toBe('2');
    const running = await pollUntil(() => connectorStatus(connector.name), (s) => s?.connector === 'RUNNING' && s.tasks.length === 2 && s.tasks.every((t) => t.state === 'RUNNING'), { timeoutMs: 15_000 });
    expect(running?.tasks.map((t) => t.state), `${await described(connector.name)}: its tasks, with tasks.max 2 on 2 partitions`).toEqual(['RUNNING', 'RUNNING']);
    expect(await connectorState(connectUrl(), connector.name), `connectorState(url, '${connector.name}'), and Connect's GET /connectors/${connector.name}/status`).toEqual({ connector: 'RUNNING', tasks: ['RUNNING', 'RUNNING'] });
  });
});

/** documents-indexed and kafka-timestamp watch the same connector: 20 positions written to its topic. */
let indexed: Promise<{ topic: string; name: string; sent: ReturnType<typeof positions>; docs: IndexedDocument[] }> | undefined;
function indexPositions() {
  indexed ??= (async () => {
    const topic = uniqueName('indexed');
    await Promise.all([createTopic(topic, { numPartitions: 3, replicationFactor: 3 }), referenceIndex(topic)]);
    const connector = labConnectorFor(topic);
    await putConnector(connector);
    const sent = positions(20);
    await write(topic, sent);
    const docs = await waitForDocuments(topic, sent.length, connector.name);
    return { topic, name: connector.name, sent, docs };
  })();
  return indexed;
}

describe('documents-indexed', () => {
  beforeAll(() => indexPositions());

  it('every position written to the topic is one document of the index named after it, with the record\'s fields', async () => {
    const { topic, name, sent, docs } = await indexPositions();
    expect(docs.length, `documents in the index ${topic} after ${sent.length} positions were written to the topic ${topic}; ${await described(name)}`).toBe(sent.length);
    expect(contents(docs), `the documents of ${topic} (without @timestamp), and the positions written`).toEqual(values(sent));
  });
});

describe('kafka-timestamp', () => {
  beforeAll(() => indexPositions());

  it('each document\'s @timestamp is its record\'s Kafka timestamp', async () => {
    const { topic, name, sent, docs } = await indexPositions();
    expect(docs.length, `documents in ${topic} (written: ${sent.length}); ${await described(name)}`).toBe(sent.length);
    const byCourierAndPlace = (value: Record<string, unknown>) => `${String(value.courierId)} ${String(value.latitude)}`;
    const timestamps = Object.fromEntries(docs.map((d) => [byCourierAndPlace(d.source), d.source['@timestamp'] ?? '(no @timestamp)']));
    const expected = Object.fromEntries(sent.map((r) => [byCourierAndPlace(JSON.parse(r.value) as Record<string, unknown>), Number(r.timestamp)]));
    expect(timestamps, 'each document\'s @timestamp (by courier and latitude), and its record\'s Kafka timestamp').toEqual(expected);
  });
});

describe('dead-letter-queue', () => {
  it('a record that is not JSON goes unchanged to the dead letter queue; the task keeps running and indexes the records after it', async () => {
    const topic = uniqueName('poisoned');
    await Promise.all([createTopic(topic, { replicationFactor: 3 }), referenceIndex(topic)]);
    const connector = labConnectorFor(topic);
    const dlq = connector.config['errors.deadletterqueue.topic.name'];
    expect(dlq, 'errors.deadletterqueue.topic.name in connect/position-sink.json').toBeDefined();
    await createTopic(dlq!, { replicationFactor: 3 });
    await putConnector(connector);
    const before = positions(3);
    const after = positions(3, 3);
    const poison = { key: 'courier-poison', value: 'this is not JSON {' };
    // One partition: the records after the poison are read after it.
    await write(topic, [...before, poison, ...after]);
    const docs = await waitForDocuments(topic, before.length + after.length, connector.name);
    expect(contents(docs), `the documents of ${topic}: the 6 positions written around the record that is not JSON; ${await described(connector.name)}`).toEqual(values([...before, ...after]));
    const dead = await pollUntil(() => consumeAll(dlq!, { timeoutMs: 5000 }), (records) => records.length > 0, { timeoutMs: 10_000, intervalMs: 500 });
    expect(dead.map((r) => r.value), `the records of the dead letter queue ${dlq}`).toEqual([poison.value]);
    const status = await connectorStatus(connector.name);
    expect(status?.tasks.map((t) => t.state), `${await described(connector.name)}: its task after the record that is not JSON`).toEqual(['RUNNING']);
  });
});

describe('pause-resume', () => {
  it('pauseConnector resolves once PAUSED and nothing is indexed while paused; resumeConnector resolves once RUNNING; every record is indexed exactly once', async () => {
    const topic = uniqueName('paused');
    await Promise.all([createTopic(topic, { numPartitions: 2, replicationFactor: 3 }), referenceIndex(topic)]);
    const name = `${topic}-sink`;
    await putConnector({ name, config: { ...REFERENCE_CONFIG, topics: topic, name } });
    const first = positions(6);
    await write(topic, first);
    const before = await waitForDocuments(topic, first.length, name);
    expect(before.length, `documents of ${topic} before the pause (the reference connector); ${await described(name)}`).toBe(first.length);

    await pauseConnector(connectUrl(), name);
    const paused = await connectorStatus(name);
    expect({ connector: paused?.connector, tasks: paused?.tasks.map((t) => t.state) }, `Connect's status of ${name} when pauseConnector resolved`).toEqual({ connector: 'PAUSED', tasks: ['PAUSED'] });
    const second = positions(6, 6);
    await write(topic, second);
    // A running task would have indexed them within a second or two.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await indexedDocuments(topic)).length, `documents of ${topic} 3 s after 6 more positions were written, the connector paused`).toBe(first.length);

    await resumeConnector(connectUrl(), name);
    const resumed = await connectorStatus(name);
    expect({ connector: resumed?.connector, tasks: resumed?.tasks.map((t) => t.state) }, `Connect's status of ${name} when resumeConnector resolved`).toEqual({ connector: 'RUNNING', tasks: ['RUNNING'] });
    const all = await waitForDocuments(topic, first.length + second.length, name);
    expect(contents(all), `the documents of ${topic} after the resume: the 12 positions, each once`).toEqual(values([...first, ...second]));
    expect(all.filter((d) => d.version !== 1).map((d) => `${d.id} written ${d.version} times`), 'documents written more than once').toEqual([]);
  });
});

/** Workshop 4's schema of position-avro's values (labs/04-avro/schemas/courier.avsc). */
const COURIER_SCHEMA = {
  type: 'record',
  name: 'Courier',
  namespace: 'dev.kafkalabs.avro',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'position', type: { type: 'record', name: 'Position', fields: [{ name: 'latitude', type: 'double' }, { name: 'longitude', type: 'double' }] } },
    { name: 'timestamp', type: 'long' },
  ],
};

describe('avro-documents', () => {
  it('every Avro position of the topic becomes one document of the index named after it, with the record\'s fields', async () => {
    const topic = uniqueName('avro');
    await Promise.all([createTopic(topic, { numPartitions: 2, replicationFactor: 3 }), referenceIndex(topic)]);
    const registry = registryClient();
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(COURIER_SCHEMA) }, { subject: `${topic}-value` });
    const now = Date.now();
    const couriers = Array.from({ length: 10 }, (_, i) => ({ id: `courier-${i % 5}`, position: { latitude: 48.85 + i / 1e4, longitude: 2.35 }, timestamp: now - i * 1000 }));
    await write(topic, await Promise.all(couriers.map(async (c) => ({ key: c.id, value: await registry.encode(id, c) }))));
    const connector = labConnectorFor(topic, 'position-avro-sink.json');
    await putConnector(connector);
    const docs = await waitForDocuments(topic, couriers.length, connector.name);
    expect(docs.length, `documents in the index ${topic} after ${couriers.length} Avro positions were written to the topic ${topic}; ${await described(connector.name)}`).toBe(couriers.length);
    expect(contents(docs), `the documents of ${topic} (without @timestamp), and the couriers written`).toEqual(couriers.map(canonical).sort());
  });
});
