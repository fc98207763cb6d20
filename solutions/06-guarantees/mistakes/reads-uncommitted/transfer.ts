import type { EachBatchPayload, Kafka, Producer } from 'kafkajs';
import { distanceTopic, labKafka, positionTopic, transactionalId, transferGroup } from './client.js';
import { distanceKm, ORIGIN, toJson, type CourierDistance, type Position } from './model.js';

export interface TransferOptions {
  kafka: Kafka;
  inputTopic: string;
  outputTopic: string;
  groupId: string;
  /** Stable across restarts: the restarted transfer fences the one that died, and aborts its open transaction. */
  transactionalId: string;
}

export interface RunningTransfer {
  stop(): Promise<void>;
}

/**
 * Exactly-once consume-transform-produce: for each batch of positions, the distances and the consumed offsets
 * go in one transaction. Either both count, or neither: a crash never duplicates nor loses a distance.
 */
export async function startTransfer(options: TransferOptions): Promise<RunningTransfer> {
  const producer = options.kafka.producer({ transactionalId: options.transactionalId, idempotent: true, maxInFlightRequests: 1 });
  // read_committed (readUncommitted: false): never read what an aborted transaction wrote upstream.
  const consumer = options.kafka.consumer({ groupId: options.groupId, readUncommitted: true, sessionTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 500 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: options.inputTopic, fromBeginning: true });
  await consumer.run({
    // The offsets are committed by the transaction, not by the consumer.
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: (payload) => transferBatch(producer, options, payload),
  });
  return {
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

async function transferBatch(producer: Producer, options: TransferOptions, { batch, resolveOffset, heartbeat, isRunning }: EachBatchPayload): Promise<void> {
  if (!isRunning() || batch.messages.length === 0) return;
  const transaction = await producer.transaction();
  try {
    const messages = batch.messages.map((message) => {
      const position = JSON.parse(message.value!.toString('utf8')) as Position;
      const distance: CourierDistance = { courierId: position.courierId, distanceKm: distanceKm(ORIGIN, position), timestamp: position.timestamp };
      return { key: message.key, value: toJson(distance) };
    });
    await transaction.send({ topic: options.outputTopic, messages });
    // The next offset to read, committed for the group inside the transaction.
    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    await transaction.sendOffsets({ consumerGroupId: options.groupId, topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
    await transaction.commit();
  } catch (error) {
    await transaction.abort();
    throw error;
  }
  resolveOffset(batch.lastOffset());
  await heartbeat();
}

/** `pnpm lab 6 run transfer`: positions in, distances to the origin out, exactly once, until Ctrl+C. */
export async function main(): Promise<void> {
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const running = await startTransfer({
    kafka: labKafka('distance-transfer'),
    inputTopic: positionTopic(),
    outputTopic: distanceTopic(),
    groupId: transferGroup(),
    transactionalId: transactionalId('distance-transfer'),
  });
  console.log(`transferring ${positionTopic()} → ${distanceTopic()} exactly once (group ${transferGroup()}): Ctrl+C to stop`);
  await stopRequested;
  await running.stop();
}
