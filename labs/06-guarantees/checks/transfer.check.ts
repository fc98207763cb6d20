import { describe, expect, it, type TestContext } from 'vitest';
import {
  committedOffsets, consumeAll, createTopic, endOffsets, followTopic, kafka, killWhenDone, offsetCommits, openTransactions, pollUntil, positionRecord, startProgram, uniqueName,
  type FollowedTopic, type RunningProgram,
} from '@kafka-labs/tool/harness';
import transferProgram from '#lab/transfer.ts?program';

/** Positions of aborted transactions carry this courier id: a read_committed transfer never sees them. */
const ABORTED_COURIER = 'aborted-courier';

interface Transfer {
  input: string;
  output: string;
  groupId: string;
  start(): RunningProgram;
}

/** Topics, group and transactional id of one check; the transfers it starts are killed when it ends. */
async function setUp(context: TestContext): Promise<Transfer> {
  const input = await createTopic(uniqueName('position'), { numPartitions: 5, replicationFactor: 3 });
  const output = await createTopic(uniqueName('courier-distance'), { numPartitions: 5, replicationFactor: 3 });
  const env = { POSITION_TOPIC: input, DISTANCE_TOPIC: output, TRANSFER_GROUP: uniqueName('distance-transfer'), TRANSACTIONAL_ID: uniqueName('distance-transfer') };
  return {
    input,
    output,
    groupId: env.TRANSFER_GROUP,
    start: () => killWhenDone(startProgram(transferProgram, [], env), context),
  };
}

/**
 * The transfer's input, written by a transactional producer of the check: `transactions` transactions of
 * `size` positions are committed; after every 4th, one more transaction of positions is aborted.
 */
async function produceInput(topic: string, { transactions, size }: { transactions: number; size: number }): Promise<number> {
  const producer = kafka('lab-check-input').producer({ transactionalId: uniqueName('input-producer'), idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const positions = (courier: (i: number) => string, from: number) => Array.from({ length: size }, (_, i) => positionRecord(courier(from + i), from + i));
  try {
    for (let t = 0; t < transactions; t++) {
      const committed = await producer.transaction();
      await committed.send({ topic, messages: positions((i) => `courier-${i % 20}`, t * size) });
      await committed.commit();
      if (t % 4 === 3) {
        const aborted = await producer.transaction();
        await aborted.send({ topic, messages: positions(() => ABORTED_COURIER, t * size) });
        await aborted.abort();
      }
    }
  } finally {
    await producer.disconnect();
  }
  return transactions * size;
}

/**
 * Waits until the transfer's group has committed offsets past every committed input record; returns how many
 * committed input records there are (what exactly once is measured against: the input as Kafka holds it).
 */
async function waitUntilConsumed({ input, groupId }: Transfer, program: RunningProgram, timeoutMs = 60_000): Promise<number> {
  // The offset after the last committed record of each partition: a transaction marker may follow it.
  const targets = new Map<number, number>();
  const records = await consumeAll(input);
  for (const record of records) targets.set(record.partition, record.offset + 1);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const committed = await committedOffsets(groupId, input);
    if ([...targets].every(([p, target]) => (committed.get(p) ?? -1) >= target)) return records.length;
    const status = [...targets].map(([p, target]) => `partition ${p}: ${committed.get(p) ?? -1} of ${target}`).join(', ');
    if (program.ended) throw new Error(`the transfer exited before its group committed every input offset (${status}); it printed:\n${program.tail(8)}`);
    if (Date.now() > deadline) throw new Error(`the transfer's group had not committed every input offset after ${timeoutMs / 1000} s (${status})`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The distances a read_committed consumer sees. */
async function committedDistances(output: string): Promise<{ courierId: string; distanceKm: number }[]> {
  return (await consumeAll(output)).map((r) => JSON.parse(r.value!) as { courierId: string; distanceKm: number });
}

/**
 * Freezes the transfer (SIGSTOP) at a moment when it has a transaction open with records written: the moment
 * a crash hurts. A commit sent just before the freeze may still complete: the check looks again once the
 * coordinator has had time to finish it, and resumes and tries again if nothing is left open.
 */
async function freezeWithOpenTransaction(program: RunningProgram, followed: FollowedTopic, output: string, { afterCommitted = 600, timeoutMs = 60_000 } = {}): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const committed = async () => [...(await endOffsets(output)).values()].reduce((a, b) => a + b, 0);
  while (Date.now() < deadline) {
    if (program.ended) throw new Error(`the transfer exited while the check waited for an open transaction; it printed:\n${program.tail(8)}`);
    // Past the first transactions: some committed (records and offsets), the next one open.
    if ((await committed()) >= afterCommitted && (await openTransactions(followed, output)).length > 0) {
      program.pause();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const open = await openTransactions(followed, output);
      if (open.length > 0) return open.map((o) => `partition ${o.partition}: offsets ${o.lastStable}–${o.reached - 1} uncommitted`).join(', ');
      program.resume();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the transfer never had a transaction open with records written, after ${afterCommitted} committed offsets, in ${timeoutMs / 1000} s: does it write its distances inside transactions (producer.transaction(), transaction.send, transaction.commit)?`);
}

describe.concurrent('exactly-once-transfer', () => {
  it('writes one distance per committed position, none for aborted ones (read_committed), its offsets committed only by its transactions', async (context) => {
    const transfer = await setUp(context);
    await produceInput(transfer.input, { transactions: 20, size: 50 });
    const program = transfer.start();
    const positions = await waitUntilConsumed(transfer, program);
    // A transaction's commit markers reach its partitions one by one: the group's offsets may show committed a
    // moment before the last distances do.
    const distances = await pollUntil(() => committedDistances(transfer.output), (d) => d.length >= positions, { timeoutMs: 10_000 });
    const fromAborted = distances.filter((d) => d.courierId === ABORTED_COURIER).length;
    expect(fromAborted, 'distances computed from positions of aborted transactions (the input holds some: read it with readUncommitted: false)').toBe(0);
    expect(distances.length, `distances in the output topic (read_committed) for ${positions} committed positions`).toBe(positions);
    expect(distances.every((d) => d.courierId.startsWith('courier-') && d.distanceKm >= 0 && d.distanceKm < 5), 'each a courier id and a distance in km from the centre of Paris').toBe(true);
    expect(await program.stop('SIGINT'), 'exit code after Ctrl+C').toBe(0);

    const commits = await offsetCommits(transfer.groupId);
    expect(commits.length, `offset commits of the group ${transfer.groupId} in __consumer_offsets`).toBeGreaterThan(0);
    const byConsumer = commits.filter((c) => !c.transactional).length;
    expect(byConsumer, `offset commits made outside a transaction, of ${commits.length} (the consumer's own: autoCommit, commitOffsets). Only transaction.sendOffsets may commit them, with the consumer run with autoCommit: false`).toBe(0);
  });
});

describe.concurrent('transfer-killed', () => {
  it('frozen with a transaction open, killed and restarted: each distance exactly once, the dead transaction aborted at once', async (context) => {
    const transfer = await setUp(context);
    const followed = await followTopic(transfer.output);
    context.onTestFinished(() => followed.stop());
    const first = transfer.start();
    // The input arrives while the transfer runs: many small transactions, one of them open when it is frozen.
    const produced = produceInput(transfer.input, { transactions: 60, size: 40 });
    const open = await freezeWithOpenTransaction(first, followed, transfer.output);
    await first.stop('SIGKILL');
    await produced;
    const restarted = transfer.start();
    const positions = await waitUntilConsumed(transfer, restarted);

    // The restarted transfer, with the same transactional id, fenced the killed one: its open transaction is
    // aborted at once (otherwise it stays open until transaction.timeout.ms, and read_committed readers wait).
    const stillOpen = await pollUntil(() => openTransactions(followed, transfer.output), (open) => open.length === 0, { timeoutMs: 5_000 });
    const left = stillOpen.map((o) => `partition ${o.partition}: last stable offset ${o.lastStable}, records up to ${o.reached - 1}`);
    expect(left, `transactions still open once the restarted transfer had consumed everything (killed with ${open}). The restarted transfer must use the same transactionalId, so that it fences the killed one and aborts its transaction`).toEqual([]);

    const distances = await committedDistances(transfer.output);
    console.log(`transfer-killed: frozen and killed with ${open}; ${distances.length} committed distances for ${positions} positions after the restart`);
    expect(distances.filter((d) => d.courierId === ABORTED_COURIER).length, 'distances from positions of aborted transactions').toBe(0);
    expect(distances.length, `committed distances for ${positions} positions (more: duplicates after the restart; fewer: records lost)`).toBe(positions);
  });
});
