import http from 'node:http';
import type { Admin, Kafka, Message } from 'kafkajs';
import { createMissingTopics } from '../course/topics.js';

/**
 * The part of Kafka Streams a trainee does not write in workshop 7, given once: a consume → process → produce
 * loop that is exactly-once (each batch's outputs, state changes and input offsets in one transaction, as in
 * workshop 6), state stores kept in memory and backed by compacted changelog topics (restored at start), and
 * an HTTP endpoint for interactive queries. One instance per application: every store holds every key.
 */
export interface StreamsAppOptions<V> {
  /** Kafka Streams' application.id: the consumer group, the transactional id, the changelog topics' prefix. */
  applicationId: string;
  kafka: Kafka;
  /** The source topic. */
  input: string;
  /** The sink topics: created when missing (a transaction cannot wait for a topic to be created on first send). */
  sinks: string[];
  /** Turns a record's value into what the processor gets (say, the registry's decode). */
  decode: (value: Buffer) => Promise<V>;
  /** The state stores the processor uses, by name. */
  stores: string[];
  /** Called once per input record, in order per partition. */
  process: (record: InputRecord<V>, context: ProcessorContext) => void | Promise<void>;
  /** Interactive queries: `GET /<path>` answers `query(path segments)` as JSON (404 when undefined). */
  query?: { port: number; answer: (segments: string[], context: ProcessorContext) => unknown };
}

export interface InputRecord<V> {
  key: string | null;
  value: V;
  /** The record's own timestamp (event time), epoch milliseconds. */
  timestamp: number;
}

export interface OutputRecord {
  key: string;
  /** null is a tombstone: the key's entry is deleted from a table. */
  value: string | null;
  timestamp: number;
}

export interface KeyValueStore<T> {
  get(key: string): T | undefined;
  /** undefined deletes the key. */
  put(key: string, value: T | undefined): void;
}

export interface ProcessorContext {
  /** Sends a record to a sink topic, within the current transaction. */
  forward(topic: string, record: OutputRecord): void;
  store<T>(name: string): KeyValueStore<T>;
}

export interface RunningStreamsApp {
  stop(): Promise<void>;
}

export function changelogTopic(applicationId: string, store: string): string {
  return `${applicationId}-${store}-changelog`;
}

export async function runStreamsApp<V>(options: StreamsAppOptions<V>): Promise<RunningStreamsApp> {
  const { applicationId, kafka } = options;
  // Each store holds its values as the JSON its changelog holds: a value read and changed in place by the
  // processor never changes the store behind the transaction's back.
  const stores = new Map(options.stores.map((name) => [name, new Map<string, string>()]));
  const producer = kafka.producer({ transactionalId: applicationId, idempotent: true, maxInFlightRequests: 1 });
  // First: a producer with the application's transactional id fences the instance that died, and aborts the
  // transaction it left open, so the changelogs read next end with what was committed.
  await producer.connect();
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createMissingTopics(admin, options.sinks.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 3 })));
    await restoreStores(kafka, admin, applicationId, stores);
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: applicationId, readUncommitted: false, maxWaitTimeInMs: 200, sessionTimeout: 6_000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: options.input, fromBeginning: true });

  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      if (batch.messages.length === 0 || !isRunning() || isStale()) return;
      // A batch's state changes stay pending until its transaction commits: an aborted batch leaves no trace.
      const pending = new Map<string, Map<string, string | undefined>>();
      const outputs = new Map<string, Message[]>();
      const send = (topic: string, message: Message) => {
        if (!outputs.has(topic)) outputs.set(topic, []);
        outputs.get(topic)!.push(message);
      };
      const context: ProcessorContext = {
        forward: (topic, record) => send(topic, { key: record.key, value: record.value, timestamp: String(record.timestamp) }),
        store: <T>(name: string) => storeView<T>(name, stores, pending, (key, json) => send(changelogTopic(applicationId, name), { key, value: json ?? null })),
      };
      for (const message of batch.messages) {
        if (!message.value) continue;
        await options.process({ key: message.key?.toString() ?? null, value: await options.decode(message.value), timestamp: Number(message.timestamp) }, context);
      }
      const last = batch.messages[batch.messages.length - 1]!.offset;
      const transaction = await producer.transaction();
      try {
        for (const [topic, messages] of outputs) await transaction.send({ topic, messages });
        await transaction.sendOffsets({ consumerGroupId: applicationId, topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }] });
        await transaction.commit();
      } catch (error) {
        await transaction.abort().catch(() => {});
        throw error;
      }
      for (const [name, changes] of pending) {
        const store = stores.get(name)!;
        for (const [key, value] of changes) {
          if (value === undefined) store.delete(key);
          else store.set(key, value);
        }
      }
      resolveOffset(last);
      await heartbeat();
    },
  });

  const server = options.query ? serveQueries(options.query, { forward: () => { throw new Error('an interactive query only reads'); }, store: <T>(name: string) => storeView<T>(name, stores, new Map(), () => {}) }) : undefined;
  return {
    async stop() {
      server?.close();
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

/** A store as the processor sees it: its committed entries, with this batch's changes on top. */
function storeView<T>(name: string, stores: Map<string, Map<string, string>>, pending: Map<string, Map<string, string | undefined>>, log: (key: string, json: string | undefined) => void): KeyValueStore<T> {
  const committed = stores.get(name);
  if (!committed) throw new Error(`there is no state store "${name}": declare it in the app's stores (${[...stores.keys()].join(', ') || 'none'})`);
  if (!pending.has(name)) pending.set(name, new Map());
  const changes = pending.get(name)!;
  return {
    get: (key) => {
      const json = changes.has(key) ? changes.get(key) : committed.get(key);
      return json === undefined ? undefined : (JSON.parse(json) as T);
    },
    put: (key, value) => {
      const json = value === undefined ? undefined : JSON.stringify(value);
      changes.set(key, json);
      log(key, json);
    },
  };
}

/** Reads each store's changelog (compacted; created when missing) to its end: the state of the last commit. */
async function restoreStores(kafka: Kafka, admin: Admin, applicationId: string, stores: Map<string, Map<string, string>>): Promise<void> {
  const missing = await createMissingTopics(admin, [...stores.keys()].map((s) => ({ topic: changelogTopic(applicationId, s), numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] })));
  for (const [name, store] of stores) {
    const topic = changelogTopic(applicationId, name);
    // A changelog created just now is empty (and its metadata may not have reached every broker yet).
    if (missing.includes(topic)) continue;
    const end = Number((await admin.fetchTopicOffsets(topic)).find((p) => p.partition === 0)?.offset ?? 0);
    if (end === 0) continue;
    const reader = kafka.consumer({ groupId: `${applicationId}-restore-${Date.now()}`, readUncommitted: false, maxWaitTimeInMs: 200 });
    await reader.connect();
    try {
      await reader.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        reader.run({
          eachBatch: async ({ batch }) => {
            for (const m of batch.messages) {
              const key = m.key!.toString();
              if (m.value === null) store.delete(key);
              else store.set(key, m.value.toString());
            }
            // Markers of the transactions count in the end offset: the batch's last offset says how far we are.
            if (Number(batch.lastOffset()) + 1 >= end) resolve();
          },
        }).catch(reject);
      });
    } finally {
      await reader.disconnect();
    }
  }
}

function serveQueries(query: NonNullable<StreamsAppOptions<unknown>['query']>, context: ProcessorContext): http.Server {
  const server = http.createServer((request, response) => {
    try {
      const segments = new URL(request.url ?? '/', 'http://app').pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const answer = query.answer(segments, context);
      response.writeHead(answer === undefined ? 404 : 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer ?? { error: 'not found' }));
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: (error as Error).message }));
    }
  });
  server.listen(query.port, '127.0.0.1');
  return server;
}
