import { describe, expect, it } from 'vitest';
import { committedOffsets, consumeAll, createTopic, endOffsets, kafka, uniqueName, withProducer } from '@kafka-labs/tool/harness';
import { consumeFromBeginning, type ConsumeOptions } from '#lab/console-consumer';
import { produceLines } from '#lab/console-producer';

describe('produce-keyed', () => {
  it('sends each key:value line as a record with that key and value', async () => {
    const topic = await createTopic(uniqueName('testing'), { numPartitions: 5, replicationFactor: 2 });
    const sent = await withProducer((producer) => produceLines(producer, topic, ['alice:hello', 'bob:42', 'carol:a:b']));
    expect(sent, 'records sent').toBe(3);
    const records = (await consumeAll(topic)).map((r) => `${r.key} → ${r.value}`).sort();
    expect(records, 'records in the topic (key → value)').toEqual(['alice → hello', 'bob → 42', 'carol → a:b']);
  });

  it('puts all the records of one key on one partition, in order', async () => {
    const topic = await createTopic(uniqueName('testing'), { numPartitions: 5, replicationFactor: 2 });
    const lines = Array.from({ length: 40 }, (_, i) => `courier-${i % 8}:${i}`);
    await withProducer((producer) => produceLines(producer, topic, lines));
    const records = await consumeAll(topic);
    expect(records.length, 'records in the topic').toBe(40);
    for (let k = 0; k < 8; k++) {
      const ofKey = records.filter((r) => r.key === `courier-${k}`);
      expect(new Set(ofKey.map((r) => r.partition)).size, `partitions holding key courier-${k}`).toBe(1);
      expect(ofKey.map((r) => Number(r.value)), `values of courier-${k} in offset order`).toEqual(lines.filter((l) => l.startsWith(`courier-${k}:`)).map((l) => Number(l.split(':')[1])));
    }
    expect(new Set(records.map((r) => r.partition)).size, 'partitions used by 8 keys').toBeGreaterThan(1);
  });
});

/** consumeFromBeginning, with a limit: it returns once it has read maxMessages records, or never. */
async function consume(options: ConsumeOptions, timeoutMs = 20_000): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`consumeFromBeginning had not returned ${timeoutMs / 1000} s after it was called for ${options.maxMessages} records already in the topic: does it read from the first offset? A new group starts at the end of each partition unless it subscribes with fromBeginning: true`)), timeoutMs);
  });
  try {
    return await Promise.race([consumeFromBeginning(kafka('lab-code'), options), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe.concurrent('consume-from-beginning', () => {
  it('reads every record from the first offset as key:value lines', async () => {
    const topic = await createTopic(uniqueName('testing'), { numPartitions: 3, replicationFactor: 2 });
    const lines = Array.from({ length: 12 }, (_, i) => `k${i % 3}:v${i}`);
    await withProducer((producer) => producer.send({ topic, messages: lines.map((l) => {
      const [key, value] = l.split(':') as [string, string];
      return { key, value };
    }) }));
    const read = await consume({ topic, groupId: uniqueName('console-consumer'), maxMessages: 12 });
    expect([...read].sort(), 'lines read').toEqual([...lines].sort());
  });

  it("leaves the group's offsets committed at the end of each partition", async () => {
    const topic = await createTopic(uniqueName('testing'), { numPartitions: 3, replicationFactor: 2 });
    await withProducer((producer) => producer.send({ topic, messages: Array.from({ length: 9 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) }));
    const groupId = uniqueName('console-consumer');
    await consume({ topic, groupId, maxMessages: 9 });
    const committed = Object.fromEntries(await committedOffsets(groupId, topic));
    expect(committed, 'committed offsets per partition').toEqual(Object.fromEntries(await endOffsets(topic)));
  });
});
