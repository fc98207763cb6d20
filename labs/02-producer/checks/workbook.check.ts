import { describe, expect, it } from 'vitest';
import { countRecords, createTopic, describePartitions, endOffsets, trackSends, uniqueName, withProducer, withLabAdmin } from '@kafka-labs/tool/harness';
import { SendMode } from '#lab/model';
import { recreatePositionTopic } from '#lab/position-topic';
import { runProducer } from '#lab/producer';

/**
 * Runs recreatePositionTopic with an admin whose createTopics calls are recorded. kafkajs' default
 * waitForLeaders: true gives up on the UNKNOWN_TOPIC_OR_PARTITION answers that brokers send while a new topic's
 * metadata spreads: it works on a warm cluster and fails on a fresh one, so the check asks for it every time.
 */
async function recreate(topic: string): Promise<void> {
  const calls: (boolean | undefined)[] = [];
  const failure = await withLabAdmin((admin) => {
    const createTopics = admin.createTopics.bind(admin);
    admin.createTopics = (options) => {
      calls.push(options.waitForLeaders);
      return createTopics(options);
    };
    return recreatePositionTopic(admin, topic);
  }).then(() => undefined, (error: unknown) => error);
  // The code's own error first, unless it called createTopics with kafkajs' wait (which explains the error).
  if (failure && calls.every((w) => w === false)) throw failure;
  expect(calls.map((w) => w ?? true), 'the waitForLeaders of each admin.createTopics call (kafkajs\' default: true)').toEqual([false]);
  if (failure) throw failure;
}

describe('recreate-topic', () => {
  it('replaces a 1-partition topic and its records by an empty topic of 5 partitions × 3 replicas', async () => {
    const topic = await createTopic(uniqueName('position'), { numPartitions: 1, replicationFactor: 1 });
    await withProducer((producer) => producer.send({ topic, messages: [{ key: 'courier-0', value: '{}' }] }));

    await recreate(topic);

    const partitions = await describePartitions(topic);
    expect(partitions.length, 'partitions').toBe(5);
    for (const p of partitions) expect(p.replicas.length, `replicas of partition ${p.partition}`).toBe(3);
    expect(await countRecords(topic), 'records left from before').toBe(0);
  });

  it('creates the topic when it does not exist yet', async () => {
    const topic = uniqueName('position');
    await recreate(topic);
    expect((await describePartitions(topic)).length, 'partitions').toBe(5);
  });
});

// The workbook's run is 100 couriers × 1000 positions (`pnpm lab 2 run producer -- 100 1000 1`, and
// `pnpm bench producer`): the check keeps its 100 concurrent couriers, each waiting for every acknowledgement,
// with 50 positions each, which proves the same in seconds instead of minutes.
describe('workbook-run', () => {
  it('sends 100 couriers × 50 positions synchronously, all stored, over the 5 partitions', async () => {
    const topic = uniqueName('position');
    await recreate(topic);
    const { kafka: client, stats } = trackSends();
    const report = await runProducer({ kafka: client, topic, threads: 100, messages: 50, mode: SendMode.Synchronous });
    expect(stats.maxInFlight, 'sends in flight at once (100 couriers, each waiting for its acknowledgement: at most 100)').toBeLessThanOrEqual(100);
    expect(stats.maxInFlight, 'sends in flight at once (100 couriers sending at the same time: more than 1)').toBeGreaterThan(1);
    expect(await countRecords(topic), 'records stored').toBe(5000);
    expect(report.sent, 'report.sent').toBe(5000);
    const perPartition = [...(await endOffsets(topic)).values()];
    expect(perPartition.filter((n) => n > 0).length, 'partitions that received records').toBe(5);
  });
});
