import { Kafka, logLevel, type Admin, type ITopicConfig, type KafkaMessage, type Producer, type ProducerRecord, type ProducerBatch } from 'kafkajs';
import { EnvironmentError } from '../cli/errors.js';
import { retryingKafka } from './retry.js';
import { bootstrapServers, pollUntil, uniqueName } from './environment.js';

/**
 * A kafkajs client on the lab's cluster, for the checks' own reads and writes and for the lab code they call
 * (quiet: only the lab's code logs). Its consumers' fetches wait at most 500 ms for new records unless told
 * otherwise (kafkajs' default, 5 s, makes every disconnect wait that long).
 */
export function kafka(clientId = 'lab-check'): Kafka {
  const client = new Kafka({ clientId, brokers: bootstrapServers(), logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 2000 } });
  const consumer = client.consumer.bind(client);
  client.consumer = (config) => consumer({ maxWaitTimeInMs: 500, ...config });
  return client;
}

/**
 * A check's own admin requests, retried while Kafka answers with a retriable error (a coordinator that moved,
 * a leader being elected: common on a freshly started cluster). What still fails is the check's trouble, reported
 * as an `error` (HarnessError), never as the trainee's `fail`; a missing topic is left to the check to judge.
 */
export async function withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
  return retryingKafka('admin request', async () => use(await sharedAdmin()));
}

/**
 * One connected admin for all the checks' own requests in a check file, concurrent checks included (they poll:
 * a connection per request would cost the brokers and the 2 cores more than the requests themselves). kafkajs
 * finds brokers and leaders again by itself when one stops. Closed by the setup file.
 */
let adminConnection: Promise<Admin> | undefined;

function sharedAdmin(): Promise<Admin> {
  adminConnection ??= (async () => {
    const admin = kafka('lab-check-admin').admin();
    await admin.connect();
    return admin;
  })().catch((error: unknown) => {
    adminConnection = undefined;
    throw error;
  });
  return adminConnection;
}

export async function closeSharedAdmin(): Promise<void> {
  const connection = adminConnection;
  adminConnection = undefined;
  await connection?.then((admin) => admin.disconnect()).catch(() => {});
}

/** Connects a kafkajs client, hands it to `use`, and disconnects it whatever happens. */
async function connected<C extends { connect(): Promise<void>; disconnect(): Promise<void> }, T>(client: C, use: (client: C) => Promise<T>, connect = () => client.connect()): Promise<T> {
  await connect();
  try {
    return await use(client);
  } finally {
    await client.disconnect();
  }
}

/**
 * A connected admin client handed to the lab's code (e.g. `recreatePositionTopic(admin)`): only connecting is the
 * check's business; whatever the lab's code does with it, and how it fails, is the trainee's.
 */
export async function withLabAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka('lab-code-admin').admin();
  return connected(admin, use, () => retryingKafka('admin connection', () => admin.connect()));
}

/** A connected producer of the checks' own, disconnected after use (not retried as a whole: no duplicate records). */
export async function withProducer<T>(use: (producer: Producer) => Promise<T>): Promise<T> {
  return retryingKafka('producer', () => connected(kafka('lab-check-producer').producer(), use), { retries: false });
}

/** Throws an EnvironmentError (not a failed task) when the cluster does not answer. */
export async function requireKafka(): Promise<void> {
  const servers = bootstrapServers();
  const client = new Kafka({ clientId: 'lab-check-probe', brokers: servers, logLevel: logLevel.NOTHING, retry: { retries: 2 }, connectionTimeout: 3000 });
  const admin = client.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (error) {
    throw new EnvironmentError(`Kafka at ${servers.join(',')} does not answer (${(error as Error).message}): start it with \`pnpm lab up\`, see \`pnpm lab status\``);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

export async function createTopic(topic: string, options: Omit<ITopicConfig, 'topic'> & { configs?: Record<string, string> } = {}): Promise<string> {
  const { configs = {}, ...rest } = options;
  await withAdmin((admin) =>
    admin.createTopics({
      waitForLeaders: false,
      topics: [{ topic, numPartitions: 1, replicationFactor: 1, ...rest, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }],
    }),
  );
  await waitForTopic(topic);
  return topic;
}

/**
 * Waits until every broker knows the topic and a leader for each partition. Topic metadata reaches the
 * brokers a moment after creation: a client that asks a broker too early gets UNKNOWN_TOPIC_OR_PARTITION
 * (kafkajs' `waitForLeaders` does not retry that one), and an acks=0 record sent then is silently lost.
 */
export async function waitForTopic(topic: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const broker of bootstrapServers()) {
    for (;;) {
      // A client whose only seed is this broker asks it, and only it, for metadata.
      const admin = new Kafka({ clientId: 'lab-check-metadata', brokers: [broker], logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
      try {
        await admin.connect();
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        if (topics[0]!.partitions.every((p) => p.leader >= 0)) break;
      } catch {
        // Not known to this broker yet: ask again.
      } finally {
        await admin.disconnect();
      }
      if (Date.now() > deadline) throw new Error(`topic ${topic} does not exist, or has a partition without leader, after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  // The leaders answer ListOffsets only once they have loaded their partitions; before that an acks=0
  // record is dropped (NOT_LEADER_OR_FOLLOWER, and no answer to tell the producer).
  await withAdmin(async (admin) => {
    for (;;) {
      try {
        await admin.fetchTopicOffsets(topic);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
}

export interface PartitionInfo {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export async function describePartitions(topic: string): Promise<PartitionInfo[]> {
  await waitForTopic(topic);
  const { topics } = await withAdmin((admin) => admin.fetchTopicMetadata({ topics: [topic] }));
  return topics[0]!.partitions
    .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: [...p.replicas].sort((a, b) => a - b), isr: [...p.isr].sort((a, b) => a - b) }))
    .sort((a, b) => a.partition - b.partition);
}

export async function topicExists(topic: string): Promise<boolean> {
  return (await withAdmin((admin) => admin.listTopics())).includes(topic);
}

/**
 * kafkajs' fetchTopicOffsets, asked again while its metadata of a topic just created has no partition yet: kafkajs
 * 2.2.4 then fails with a TypeError ("Cannot destructure property 'partitions' of 'low.pop(...)'").
 */
async function topicOffsets(topic: string): Promise<{ partition: number; high: string; low: string }[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await withAdmin((admin) => admin.fetchTopicOffsets(topic));
    } catch (error) {
      if (!(error instanceof TypeError) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The end offset (high watermark) of each partition. */
export async function endOffsets(topic: string): Promise<Map<number, number>> {
  const offsets = await topicOffsets(topic);
  return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
}

/** The offset a consumer group has committed on each partition of the topic (-1: nothing committed there). */
export async function committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
  const [offsets] = await withAdmin((admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
  return new Map(offsets!.partitions.map((p) => [p.partition, Number(p.offset)]));
}

/** How many records the topic holds: the sum of end offsets minus start offsets. */
export async function countRecords(topic: string): Promise<number> {
  const offsets = await topicOffsets(topic);
  return offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
}

/**
 * Waits until the topic holds at least `expected` records. Records count once committed (replicated to
 * the in-sync replicas, below the high watermark): with acks 0 or 1 the producer is done before that.
 */
export async function waitForRecords(topic: string, expected: number, timeoutMs = 20_000): Promise<number> {
  return pollUntil(() => countRecords(topic), (count) => count >= expected, { timeoutMs });
}

export interface ConsumedRecord {
  partition: number;
  offset: number;
  key: string | null;
  /** The key's bytes, for binary keys (ksqlDB's DOUBLE keys). */
  rawKey: Buffer | null;
  value: string | null;
  /** The value's bytes, for binary formats (Avro). */
  rawValue: Buffer | null;
  /** The record's timestamp, epoch milliseconds. */
  timestamp: number;
  headers: KafkaMessage['headers'];
}

/**
 * Reads a topic from the beginning up to the end offsets it has when called, in a group of its own.
 * Waits on real progress (every partition read to its end), never on a fixed delay.
 */
export async function consumeAll(topic: string, options: { timeoutMs?: number; readUncommitted?: boolean } = {}): Promise<ConsumedRecord[]> {
  // A read of its own group each time: safe to try again when the cluster answers with a retriable error.
  return retryingKafka('consumer', () => readToEnd(topic, options));
}

async function readToEnd(topic: string, { timeoutMs = 30_000, readUncommitted = false }): Promise<ConsumedRecord[]> {
  const ends = [...(await endOffsets(topic)).entries()].filter(([, end]) => end > 0);
  const records: ConsumedRecord[] = [];
  if (ends.length === 0) return records;
  const positions = new Map<number, number>();
  // read_committed by default, as kafkajs: records of open or aborted transactions are skipped, markers too.
  const consumer = kafka().consumer({ groupId: uniqueName('check-reader'), maxWaitTimeInMs: 200, readUncommitted });
  await consumer.connect();
  try {
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          records.push({ partition: batch.partition, offset: Number(message.offset), key: message.key?.toString() ?? null, rawKey: message.key ?? null, value: message.value?.toString() ?? null, rawValue: message.value ?? null, timestamp: Number(message.timestamp), headers: message.headers });
        }
        // lastOffset() counts what the client skips too (transaction markers, aborted records): a partition
        // whose log ends with a marker is still read to its end.
        positions.set(batch.partition, Number(batch.lastOffset()) + 1);
        if (ends.every(([p, end]) => (positions.get(p) ?? 0) >= end)) done();
      },
    });
    const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    if ((await Promise.race([finished, timedOut])) === 'timeout') {
      const expected = ends.reduce((sum, [, end]) => sum + end, 0);
      throw new Error(`read ${records.length} of the ${expected} records of ${topic} in ${timeoutMs / 1000} s`);
    }
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

export interface SendStats {
  /** How many send()/sendBatch() calls were waiting for the broker at the same time, at most. */
  maxInFlight: number;
  calls: number;
  /** Records handed to send()/sendBatch(), all calls together. */
  records: number;
  /** The acks setting of each call (-1 = all, the kafkajs default). */
  acks: Set<number>;
}

/**
 * A real kafkajs client whose producers count their sends in flight: how a check observes whether the
 * lab's code waits for each acknowledgement. Every record still goes to the real cluster.
 */
export function trackSends(client: Kafka = kafka('lab-code')): { kafka: Kafka; stats: SendStats } {
  const stats: SendStats = { maxInFlight: 0, calls: 0, records: 0, acks: new Set() };
  let inFlight = 0;
  const createProducer = client.producer.bind(client);
  const track = async <T>(acks: number | undefined, records: number, send: () => Promise<T>): Promise<T> => {
    stats.calls += 1;
    stats.records += records;
    stats.acks.add(acks ?? -1);
    inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    try {
      return await send();
    } finally {
      inFlight -= 1;
    }
  };
  client.producer = (config) => {
    const producer: Producer = createProducer(config);
    const send = producer.send.bind(producer);
    const sendBatch = producer.sendBatch.bind(producer);
    producer.send = (record: ProducerRecord) => track(record.acks, record.messages.length, () => send(record));
    producer.sendBatch = (batch: ProducerBatch) => track(batch.acks, (batch.topicMessages ?? []).reduce((n, t) => n + t.messages.length, 0), () => sendBatch(batch));
    return producer;
  };
  return { kafka: client, stats };
}
