import { labKafka, metricsPortOf, stopRequested } from './client.js';
import { recordConsumed, serveMetrics } from './metrics.js';

/**
 * `pnpm lab 10 run consumer -- [topic] [group] [limit]`: workshop 3's consumer loop (without its database),
 * measured. It reads `topic` (default position) from the beginning as a member of `group` (default
 * position-monitor); after `limit` records (default: no limit) it stops reading, as a consumer that falls behind.
 * It serves its metrics until Ctrl+C.
 */
export async function main(args: string[]): Promise<void> {
  const topic = args[0] ?? 'position';
  const groupId = args[1] ?? 'position-monitor';
  const limit = args[2] === undefined ? Infinity : Number(args[2]);
  const stopServing = await serveMetrics(metricsPortOf('CONSUMER'));
  const consumer = labKafka('position-monitor').consumer({ groupId, sessionTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let consumed = 0;
  await consumer.run({
    autoCommitInterval: 500,
    // Only the offsets resolved below are committed: not the records of the batch left unread at the limit.
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, pause }) => {
      for (const message of batch.messages) {
        if (consumed >= limit) {
          pause();
          console.log(`${consumed} records consumed: stopped reading (limit ${limit})`);
          return;
        }
        consumed++;
        resolveOffset(message.offset);
        recordConsumed(batch.topic, batch.partition, message.offset, batch.highWatermark);
      }
    },
  });
  console.log(`consuming ${topic} as ${groupId}: metrics on http://localhost:${metricsPortOf('CONSUMER')}/metrics until Ctrl+C`);
  await stopRequested();
  await consumer.disconnect();
  await stopServing();
}
