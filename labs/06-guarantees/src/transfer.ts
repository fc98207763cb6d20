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
  // TODO: the consumer of the group (which isolation level? the input holds aborted transactions), connected and
  // subscribed to the input topic from its beginning, run with eachBatch → transferBatch. Who commits the consumed
  // offsets: the consumer (autoCommit) or the transaction? (The checks read who committed each one.)
  throw new Error('TODO: startTransfer');
  return {
    async stop() {
      await producer.disconnect();
    },
  };
}

async function transferBatch(producer: Producer, options: TransferOptions, { batch, resolveOffset, heartbeat, isRunning }: EachBatchPayload): Promise<void> {
  if (!isRunning() || batch.messages.length === 0) return;
  // TODO: in one transaction (producer.transaction()): send a CourierDistance per position of the batch to the
  // output topic, commit the consumed offsets for the group (transaction.sendOffsets), then commit the
  // transaction; abort it if anything fails.
  throw new Error('TODO: transferBatch');
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
