import { describe, expect, it } from 'vitest';
import { consumeAll, createTopic, endOffsets, kafka, pollUntil, uniqueName } from '@kafka-labs/tool/harness';
import { runTransactionalProducer } from '#lab/transactional-producer';

/**
 * Ends the transaction a producer left open, as a restarted instance would: a producer with the same
 * transactional id fences the old one, and the coordinator aborts its open transaction (an abort marker).
 */
async function fence(transactionalId: string): Promise<void> {
  const producer = kafka('lab-check-fence').producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const transaction = await producer.transaction();
    await transaction.abort();
  } finally {
    await producer.disconnect();
  }
}

describe('transactions', () => {
  it('commits every 10 sends and leaves the last 5 uncommitted: 100 records for read_committed, 105 for read_uncommitted', async () => {
    const topic = await createTopic(uniqueName('position'), { numPartitions: 5, replicationFactor: 3 });
    const transactionalId = uniqueName('position-producer');
    const report = await runTransactionalProducer({ kafka: kafka('lab-code'), topic, threads: 1, messages: 105, transactionalId });
    expect(report, 'the report of runTransactionalProducer').toEqual({ committed: 100, transactions: 10, leftOpen: 5 });

    // Left open, the last transaction holds the last stable offset at its first record: 100 records + 10 markers.
    // A commit or abort writes its markers a moment after the producer is answered: watch for 3 s.
    const lastStableOffset = async () => [...(await endOffsets(topic)).values()].reduce((a, b) => a + b, 0);
    const lastStable = await pollUntil(lastStableOffset, (offset) => offset !== 110, { timeoutMs: 3_000 });
    expect(lastStable, 'last stable offset before the check ends the last transaction (110 while it is open; 116 once committed or aborted: leave it open, no commit, no abort)').toBe(110);
    const uncommitted = await consumeAll(topic, { readUncommitted: true });
    expect(uncommitted.length, 'records a read_uncommitted consumer sees').toBe(105);
    await fence(`${transactionalId}-0`);
    const committed = await consumeAll(topic);
    expect(committed.length, 'records a read_committed consumer sees').toBe(100);

    // One courier: one partition. 105 records + 10 commit markers + the abort marker of the fenced transaction.
    const ends = [...(await endOffsets(topic)).values()];
    expect(ends.reduce((a, b) => a + b, 0), 'end offset of the topic (records + transaction markers)').toBe(105 + 10 + 1);
    const offsets = uncommitted.map((r) => r.offset);
    const markers = offsets.slice(1).filter((offset, i) => offset !== offsets[i]! + 1).length;
    expect(markers, 'gaps between the offsets of consecutive records: a commit marker after every 10').toBe(10);
  });
});
