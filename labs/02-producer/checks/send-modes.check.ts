import { describe, expect, it } from 'vitest';
import { consumeAll, countRecords, createTopic, trackSends, uniqueName, waitForRecords } from '@kafka-labs/tool/harness';
import { SendMode } from '#lab/model';
import { runProducer } from '#lab/producer';
import { expectPositions, expectWellFormed } from './positions.js';

async function produce(mode: SendMode, threads: number, messages: number, topicConfigs: Record<string, string> = {}) {
  const topic = await createTopic(uniqueName('position'), { numPartitions: 3, replicationFactor: 3, configs: topicConfigs });
  const { kafka, stats } = trackSends();
  const report = await runProducer({ kafka, topic, threads, messages, mode });
  return { topic, stats, report };
}

describe('fire-and-forget', () => {
  it('sends threads × messages positions keyed by courier id; what arrives is well formed', async () => {
    const { topic, stats } = await produce(SendMode.FireAndForget, 10, 200);
    expect(stats.records, 'positions handed to producer.send (10 couriers × 200)').toBe(2000);
    // Nobody waited for the brokers: give them the time to replicate what they received.
    const stored = await waitForRecords(topic, 2000, 8_000);
    // acks 0 guarantees nothing: on a young cluster a broker may drop records and tell no one. Whatever arrived
    // must be right; how many arrived is shown, not graded.
    console.log(`fire-and-forget: ${stored} of 2000 records stored (acks 0: the producer is never told of a loss)`);
    expect(stored, 'records stored').toBeGreaterThan(0);
    const perCourier = expectWellFormed(await consumeAll(topic));
    for (const [key, ofCourier] of perCourier) expect(ofCourier.length, `records of ${key} (at most the 200 sent: no duplicates)`).toBeLessThanOrEqual(200);
  });

  it('does not wait: many sends in flight from one courier, and no acknowledgement asked (acks 0)', async () => {
    const { stats } = await produce(SendMode.FireAndForget, 1, 50);
    expect(stats.maxInFlight, 'sends in flight at once from 1 courier (fire-and-forget does not await a send before the next: more than 1)').toBeGreaterThan(1);
    expect([...stats.acks], 'acks of the sends').toEqual([0]);
  });
});

describe('synchronous', () => {
  it('delivers threads × messages positions keyed by courier id', async () => {
    const { topic, report, stats } = await produce(SendMode.Synchronous, 3, 20);
    // Checked first: with acks 0 or 1 the records are not yet replicated (readable) when the sends return.
    expect([...stats.acks], 'acks of the sends (-1 = all in-sync replicas)').toEqual([-1]);
    expectPositions(await consumeAll(topic), 3, 20);
    expect(report.sent, 'report.sent').toBe(60);
  });

  it('waits for each acknowledgement (from all in-sync replicas) before the next send', async () => {
    const { stats, topic } = await produce(SendMode.Synchronous, 1, 30);
    expect(stats.calls, 'send calls').toBeGreaterThan(0);
    expect(stats.maxInFlight, 'sends in flight at once (1 courier)').toBe(1);
    expect([...stats.acks], 'acks of the sends (-1 = all)').toEqual([-1]);
    const records = await consumeAll(topic);
    const timestamps = records.map((r) => JSON.parse(r.value!).timestamp as number);
    expect(timestamps, 'positions of one courier in the order they were sent').toEqual([...timestamps].sort((a, b) => a - b));
  });
});

describe('asynchronous', () => {
  it('delivers threads × messages positions and reports them sent', async () => {
    const { topic, report, stats } = await produce(SendMode.Asynchronous, 3, 40);
    expect([...stats.acks], 'acks of the sends (-1 = all in-sync replicas: a delivery error must be known)').toEqual([-1]);
    expectPositions(await consumeAll(topic), 3, 40);
    expect(report, 'the report of runProducer').toMatchObject({ sent: 120, failed: 0 });
  });

  it('keeps many sends in flight from one courier', async () => {
    const { stats } = await produce(SendMode.Asynchronous, 1, 100);
    expect(stats.maxInFlight, 'sends in flight at once (1 courier)').toBeGreaterThan(1);
  });

  it('reports delivery errors instead of crashing (records the broker rejects as too large)', async () => {
    // A topic that accepts no batch over 64 bytes: the broker answers MESSAGE_TOO_LARGE to every send.
    const { report, topic } = await produce(SendMode.Asynchronous, 2, 10, { 'max.message.bytes': '64' });
    expect(await countRecords(topic), 'records stored').toBe(0);
    expect(report, 'the report of runProducer').toMatchObject({ sent: 0, failed: 20 });
  });
});
