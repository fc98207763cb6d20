import { afterEach, describe, expect, it } from 'vitest';
import { consumeAll, createTopic, endOffsets, startProgram, uniqueName, withAdmin, withProducer, type RunningProgram } from '@kafka-labs/tool/harness';

const programs: RunningProgram[] = [];
afterEach(async () => {
  await Promise.all(programs.splice(0).map((p) => p.stop('SIGKILL')));
});

async function setUp(positions: number) {
  const input = await createTopic(uniqueName('position'), { numPartitions: 5, replicationFactor: 3 });
  const output = await createTopic(uniqueName('courier-distance'), { numPartitions: 5, replicationFactor: 3 });
  await withProducer(async (producer) => {
    for (let start = 0; start < positions; start += 500) {
      const messages = Array.from({ length: Math.min(500, positions - start) }, (_, i) => {
        const courierId = `courier-${(start + i) % 20}`;
        return { key: courierId, value: JSON.stringify({ courierId, latitude: 48.85 + (start + i) / 1e6, longitude: 2.35, timestamp: Date.now() }) };
      });
      await producer.send({ topic: input, messages });
    }
  });
  const env = { POSITION_TOPIC: input, DISTANCE_TOPIC: output, TRANSFER_GROUP: uniqueName('distance-transfer'), TRANSACTIONAL_ID: uniqueName('distance-transfer') };
  const start = () => {
    const program = startProgram('src/transfer.ts', [], env);
    programs.push(program);
    return program;
  };
  return { input, output, groupId: env.TRANSFER_GROUP, start };
}

/** Waits until the output topic holds at least `count` offsets (records and markers), or the program exits. */
async function waitForOutput(output: string, count: number, program: RunningProgram, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const total = [...(await endOffsets(output)).values()].reduce((a, b) => a + b, 0);
    if (total >= count) return;
    if (program.ended) throw new Error(`the transfer exited with ${total} offsets in the output topic; it printed:\n${program.tail(8)}`);
    if (Date.now() > deadline) throw new Error(`${total} offsets in the output topic after ${timeoutMs / 1000} s, expected at least ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The distances a read_committed consumer sees, once the transfer's group has committed the offsets of every
 * input record (whoever commits them: the transaction or the consumer).
 */
async function committedDistances({ input, output, groupId }: { input: string; output: string; groupId: string }, program: RunningProgram): Promise<{ courierId: string; distanceKm: number }[]> {
  const inputRecords = [...(await endOffsets(input)).values()].reduce((a, b) => a + b, 0);
  const consumed = async () => {
    const [offsets] = await withAdmin((admin) => admin.fetchOffsets({ groupId, topics: [input] }));
    return offsets!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  };
  for (const deadline = Date.now() + 90_000; (await consumed()) < inputRecords; ) {
    if (program.ended) throw new Error(`the transfer exited before its group committed every input offset; it printed:\n${program.tail(8)}`);
    if (Date.now() > deadline) throw new Error(`the transfer's group committed ${await consumed()} of ${inputRecords} input offsets in 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return (await consumeAll(output)).map((r) => JSON.parse(r.value!) as { courierId: string; distanceKm: number });
}

describe('exactly-once-transfer', () => {
  it('writes one distance to the origin per position', async () => {
    const topics = await setUp(1000);
    const transfer = topics.start();
    const distances = await committedDistances(topics, transfer);
    expect(distances.length, 'distances in the output topic (read_committed)').toBe(1000);
    expect(distances.every((d) => d.courierId.startsWith('courier-') && d.distanceKm >= 0 && d.distanceKm < 5), 'each a courier id and a distance in km from the centre of Paris').toBe(true);
    expect(await transfer.stop('SIGINT'), 'exit code after Ctrl+C').toBe(0);
  });
});

describe('transfer-killed', () => {
  it('writes each distance exactly once when killed mid-run and restarted', async () => {
    const positions = 4000;
    const topics = await setUp(positions);
    const first = topics.start();
    // Past the first batches: some transactions committed (records and offsets), likely one open.
    await waitForOutput(topics.output, 1200, first);
    await first.stop('SIGKILL');
    const uncommitted = (await consumeAll(topics.output, { readUncommitted: true })).length;
    const restarted = topics.start();
    const distances = await committedDistances(topics, restarted);
    console.log(`transfer-killed: ${uncommitted} records written before the kill (read_uncommitted), ${distances.length} committed distances for ${positions} positions after the restart`);
    expect(distances.length, `committed distances for ${positions} positions (more: duplicates after the restart; fewer: records lost)`).toBe(positions);
  });
});
