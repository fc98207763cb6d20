import { describe, expect, it } from 'vitest';
import { createTopic, endOffsets, kafka, uniqueName, withAdmin, withProducer, withLabAdmin } from '@kafka-labs/tool/harness';
import { describeGroup } from '#lab/consumer-groups';

describe('describe-group', () => {
  it('describes a live group: its member, the partitions assigned to it, and the lag of each partition', async () => {
    const topic = await createTopic(uniqueName('testing'), { numPartitions: 5, replicationFactor: 2 });
    await withProducer((producer) => producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) }));
    const ends = await endOffsets(topic);

    // The group has read 1 record of every partition that has some.
    const groupId = uniqueName('readers');
    const committed = new Map([...ends].map(([p, end]) => [p, Math.min(1, end)]));
    await withAdmin((admin) => admin.setOffsets({ groupId, topic, partitions: [...committed].map(([partition, offset]) => ({ partition, offset: String(offset) })) }));

    // One live member that reads without committing, so the lag stays as set.
    const consumer = kafka('lab1-member').consumer({ groupId });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    try {
      await consumer.subscribe({ topic });
      await consumer.run({ autoCommit: false, eachMessage: async () => {} });
      await joined;

      const group = await withLabAdmin((admin) => describeGroup(admin, groupId));
      expect(group.state, 'group state').toBe('Stable');
      expect(group.members.length, 'members').toBe(1);
      expect(group.members[0]!.clientId, 'member clientId').toBe('lab1-member');
      expect(group.members[0]!.assignment, 'partitions assigned to the member').toEqual([{ topic, partitions: [0, 1, 2, 3, 4] }]);
      const expectedLag = [...ends].map(([partition, end]) => ({ topic, partition, committedOffset: committed.get(partition)!, endOffset: end, lag: end - committed.get(partition)! }));
      expect(group.lag, 'lag per partition').toEqual(expectedLag.sort((a, b) => a.partition - b.partition));
    } finally {
      await consumer.disconnect();
    }
  });
});
