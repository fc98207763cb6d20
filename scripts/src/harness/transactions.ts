import { HarnessError } from '../cli/errors.js';
import { uniqueName } from './environment.js';
import { endOffsets, kafka, withAdmin } from './kafka.js';
import { retryingKafka } from './retry.js';

export interface FollowedTopic {
  /** Per partition, the offset after the last record seen so far (what a read_uncommitted reader has reached). */
  readonly reached: Map<number, number>;
  stop(): Promise<void>;
}

/**
 * Follows a topic from its beginning with a read_uncommitted consumer of its own: records of open transactions
 * are seen as soon as they are written (compare with `endOffsets`, the last stable offsets, to see them).
 */
export async function followTopic(topic: string): Promise<FollowedTopic> {
  const reached = new Map<number, number>();
  const consumer = kafka('lab-check-follower').consumer({ groupId: uniqueName('check-follower'), maxWaitTimeInMs: 100, readUncommitted: true });
  await retryingKafka('consumer', async () => {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
  });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const last = batch.messages.at(-1);
      if (last) reached.set(batch.partition, Math.max(reached.get(batch.partition) ?? 0, Number(last.offset) + 1));
    },
  });
  return { reached, stop: () => consumer.disconnect() };
}

/** Partitions whose records go past the last stable offset: a transaction is open there with records written. */
export async function openTransactions(followed: FollowedTopic, topic: string): Promise<{ partition: number; lastStable: number; reached: number }[]> {
  const stable = await endOffsets(topic);
  return [...followed.reached].filter(([p, reached]) => reached > (stable.get(p) ?? 0)).map(([partition, reached]) => ({ partition, lastStable: stable.get(partition) ?? 0, reached }));
}

export interface OffsetCommit {
  topic: string;
  partition: number;
  /** Written by a transaction (TxnOffsetCommit, `transaction.sendOffsets`), not by a consumer (OffsetCommit). */
  transactional: boolean;
}

/** Java's String.hashCode: Kafka picks a group's __consumer_offsets partition with it. */
function javaHashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i += 1) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

/**
 * Every offset commit of a consumer group, as Kafka stored it in `__consumer_offsets`: who committed it shows
 * in the record batch (a transactional batch, with a producer id, for commits made by a transaction).
 */
export async function offsetCommits(groupId: string, { timeoutMs = 30_000 } = {}): Promise<OffsetCommit[]> {
  const [metadata] = (await withAdmin((admin) => admin.fetchTopicMetadata({ topics: ['__consumer_offsets'] }))).topics;
  // Kafka's Utils.abs: Math.abs, with 0 for Integer.MIN_VALUE.
  const hash = javaHashCode(groupId);
  const partition = (hash === -0x80000000 ? 0 : Math.abs(hash)) % metadata!.partitions.length;
  const end = (await endOffsets('__consumer_offsets')).get(partition) ?? 0;
  const commits: OffsetCommit[] = [];
  if (end === 0) return commits;
  return retryingKafka('consumer of __consumer_offsets', async () => {
    commits.length = 0;
    const consumer = kafka('lab-check-offsets').consumer({ groupId: uniqueName('check-offsets-reader'), maxWaitTimeInMs: 100, readUncommitted: true });
    await consumer.connect();
    try {
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      await consumer.subscribe({ topic: '__consumer_offsets', fromBeginning: true });
      await consumer.run({
        eachBatch: async ({ batch }) => {
          if (batch.partition !== partition) return;
          for (const message of batch.messages) {
            const key = message.key;
            // Key versions 0 and 1 are offset commits: group, topic, partition (2 is the group's metadata).
            if (!key || key.length < 4 || key.readInt16BE(0) > 1) continue;
            const groupLength = key.readInt16BE(2);
            if (key.toString('utf8', 4, 4 + groupLength) !== groupId || !message.value) continue;
            const topicLength = key.readInt16BE(4 + groupLength);
            const topic = key.toString('utf8', 6 + groupLength, 6 + groupLength + topicLength);
            const context = (message as unknown as { batchContext?: { inTransaction?: boolean } }).batchContext;
            commits.push({ topic, partition: key.readInt32BE(6 + groupLength + topicLength), transactional: context?.inTransaction === true });
          }
          if (Number(batch.lastOffset()) + 1 >= end) done();
        },
      });
      const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
      if ((await Promise.race([finished, timedOut])) === 'timeout') throw new HarnessError(`could not read __consumer_offsets (partition ${partition}) to offset ${end} in ${timeoutMs / 1000} s`);
      return [...commits];
    } finally {
      await consumer.disconnect();
    }
  });
}
