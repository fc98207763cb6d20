import { describe, expect, it } from 'vitest';
import { createTopic, describePartitions, uniqueName, withLabAdmin } from '@kafka-labs/tool/harness';
import { createTestingTopic, describeTopic, listTopics } from '#lab/topics';

describe('create-topic', () => {
  it('creates the topic with 5 partitions, each on 2 brokers', async () => {
    const topic = uniqueName('testing');
    await withLabAdmin((admin) => createTestingTopic(admin, topic));
    const partitions = await describePartitions(topic);
    expect(partitions.map((p) => p.partition), 'partitions').toEqual([0, 1, 2, 3, 4]);
    for (const p of partitions) {
      expect(p.replicas.length, `replicas of partition ${p.partition}`).toBe(2);
      expect(p.replicas, `leader of partition ${p.partition} among its replicas`).toContain(p.leader);
    }
    // Two replicas per partition over three brokers: every broker holds some of the topic.
    expect(new Set(partitions.flatMap((p) => p.replicas)).size, 'brokers holding replicas').toBe(3);
  });
});

describe('describe-topics', () => {
  it('lists the topics of the cluster, without the internal ones', async () => {
    const a = await createTopic(uniqueName('listed'), { numPartitions: 1, replicationFactor: 1 });
    const b = await createTopic(uniqueName('listed'), { numPartitions: 2, replicationFactor: 2 });
    const topics = await withLabAdmin((admin) => listTopics(admin));
    expect(topics, 'listTopics()').toEqual(expect.arrayContaining([a, b]));
    expect(topics.filter((t) => t.startsWith('__')), 'internal topics listed').toEqual([]);
  });

  it('describes each partition: leader, replicas and in-sync replicas', async () => {
    const topic = await createTopic(uniqueName('described'), { numPartitions: 3, replicationFactor: 3 });
    const expected = await describePartitions(topic);
    const described = await withLabAdmin((admin) => describeTopic(admin, topic));
    expect(described, `describeTopic('${topic}')`).toEqual(expected);
  });
});
