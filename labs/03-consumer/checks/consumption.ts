import { expect, type TestContext } from 'vitest';
import { AssignerProtocol } from 'kafkajs';
import { committedOffsets, createTopic, endOffsets, killWhenDone, pollUntil, positionRecord, query, startProgram, uniqueName, withAdmin, withProducer, type RunningProgram } from '@kafka-labs/tool/harness';
import consumerProgram from '#lab/consumer.ts?program';

/** A topic of its own (5 partitions, 3 replicas, as in the workbook) and a group of its own, for one check. */
export async function newPositionTopic(): Promise<{ topic: string; groupId: string }> {
  const topic = await createTopic(uniqueName('position'), { numPartitions: 5, replicationFactor: 3 });
  return { topic, groupId: uniqueName('position-consumer') };
}

/** `count` positions of 20 couriers, keyed by courier id, as workshop 2's producer writes them. */
export async function producePositions(topic: string, count: number, first = 0): Promise<void> {
  await withProducer(async (producer) => {
    for (let start = first; start < first + count; start += 500) {
      const messages = Array.from({ length: Math.min(500, first + count - start) }, (_, i) => positionRecord(`courier-${(start + i) % 20}`, start + i));
      await producer.send({ topic, messages });
    }
  });
}

/** The trainee's consumer program, as `pnpm lab 3 run consumer -- <consumers>` starts it, on this check's topic and group. */
export function startConsumer(topic: string, groupId: string, consumers: number): RunningProgram {
  return startProgram(consumerProgram, [String(consumers)], { POSITION_TOPIC: topic, CONSUMER_GROUP: groupId });
}

export interface Accounting {
  produced: number;
  stored: number;
  /** Records with no row, per partition. */
  lost: Map<number, number[]>;
  /** Rows beyond the first for one record. */
  duplicates: number;
}

/** Every record of the topic against the rows of processed_position, partition by partition. */
export async function account(topic: string): Promise<Accounting> {
  const ends = await endOffsets(topic);
  const rows = await query<{ partition: number; offset: string; rows: string }>(
    'SELECT "partition", "offset", count(*) AS rows FROM processed_position WHERE topic = $1 GROUP BY "partition", "offset"',
    [topic],
  );
  const stored = new Map(rows.map((r) => [`${r.partition}:${r.offset}`, Number(r.rows)]));
  const lost = new Map<number, number[]>();
  let produced = 0;
  for (const [partition, end] of ends) {
    produced += end;
    for (let offset = 0; offset < end; offset++) {
      if (!stored.has(`${partition}:${offset}`)) lost.set(partition, [...(lost.get(partition) ?? []), offset]);
    }
  }
  const duplicates = [...stored.values()].reduce((sum, n) => sum + n - 1, 0);
  return { produced, stored: stored.size, lost, duplicates };
}

/**
 * Waits until every record of the topic has its row. Fails at once when every consumer process has exited,
 * with what they printed; otherwise after `timeoutMs` with the records still missing.
 */
export async function waitUntilStored(topic: string, programs: RunningProgram[], { groupId, timeoutMs = 60_000 }: { groupId: string; timeoutMs?: number }): Promise<Accounting> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let caughtUpSince: number | undefined;
  let storedBefore = -1;
  for (;;) {
    const accounting = await account(topic);
    if (accounting.lost.size === 0) return accounting;
    // No new row since the last look, and the group has committed past every record: what is missing now will
    // not come (a record skipped).
    const stalled = accounting.stored === storedBefore;
    storedBefore = accounting.stored;
    caughtUpSince = stalled && (await committedToEnd(groupId, topic)) ? (caughtUpSince ?? Date.now()) : undefined;
    if (caughtUpSince !== undefined && Date.now() - caughtUpSince > 2_000) return accounting;
    if (programs.every((p) => p.ended)) {
      throw new Error(`the consumer exited with ${accounting.stored} of ${accounting.produced} records stored; it printed:\n${programs.map((p) => p.tail(8)).join('\n')}`);
    }
    if (accounting.stored === 0 && Date.now() - started > NO_ROW_AFTER_MS) await diagnoseNoRow(topic, accounting.produced, programs);
    if (Date.now() > deadline) return accounting;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A consumer that has stored nothing after this long is looked at (instead of waiting for the time-out). */
const NO_ROW_AFTER_MS = 15_000;

/**
 * Nothing stored while the consumer runs: one more record tells a consumer that starts at the end of each
 * partition (a new group without fromBeginning: true) from one that stores nothing at all. Always throws.
 */
async function diagnoseNoRow(topic: string, produced: number, programs: RunningProgram[]): Promise<never> {
  await withProducer((producer) => producer.send({ topic, messages: [positionRecord('courier-probe')] }));
  const stored = await pollUntil(async () => (await account(topic)).stored, (n) => n > 0, { timeoutMs: 10_000, intervalMs: 300 });
  if (stored > 0) {
    throw new Error(`the consumer stored a record written after it joined, but none of the ${produced} written before: a new group starts at the end of each partition unless it subscribes with fromBeginning: true`);
  }
  throw new Error(`the consumer stored no row in ${(NO_ROW_AFTER_MS + 10_000) / 1000} s (the topic holds ${produced} records); it printed:\n${programs.map((p) => p.tail(8)).join('\n')}`);
}

/** Waits until at least `count` records of the topic have their row (to act in the middle of consumption). */
export async function waitForRows(topic: string, count: number, program: RunningProgram, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = (await query<{ n: string }>('SELECT count(*) AS n FROM processed_position WHERE topic = $1', [topic]))[0]!.n;
    if (Number(n) >= count) return Number(n);
    if (program.ended) throw new Error(`the consumer exited after storing ${n} rows; it printed:\n${program.tail(8)}`);
    if (Date.now() > deadline) throw new Error(`only ${n} rows stored after ${timeoutMs / 1000} s (expected at least ${count})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Nothing lost: every record of every partition has a row. Shows what is missing, per partition. */
export function expectNothingLost(accounting: Accounting): void {
  const missing = [...accounting.lost].map(([p, offsets]) => `partition ${p}: ${offsets.length} missing (offsets ${offsets.slice(0, 5).join(', ')}${offsets.length > 5 ? ', …' : ''})`);
  expect(missing, `records of the topic with no row in processed_position (${accounting.stored} of ${accounting.produced} stored)`).toEqual([]);
}

/** The members of a group and the partitions of each, from the group coordinator. */
export async function groupMembers(groupId: string): Promise<{ state: string; partitions: number[][] }> {
  const { groups } = await withAdmin((admin) => admin.describeGroups([groupId]));
  const group = groups[0]!;
  const partitions = group.members.map((m) => {
    const assignment = AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {};
    return Object.values(assignment).flat().sort((a, b) => a - b);
  });
  return { state: group.state, partitions };
}

async function committedToEnd(groupId: string, topic: string): Promise<boolean> {
  const [committed, ends] = await Promise.all([committedOffsets(groupId, topic), endOffsets(topic)]);
  return [...ends].every(([p, end]) => (committed.get(p) ?? -1) >= end);
}

/** For one check: a `startConsumer` whose processes, if still running when the check ends, are killed. */
export function consumerProcesses(context: Pick<TestContext, 'onTestFinished'>): typeof startConsumer {
  return (...args) => killWhenDone(startConsumer(...args), context);
}
