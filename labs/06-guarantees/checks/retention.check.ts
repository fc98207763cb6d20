import { describe, expect, it } from 'vitest';
import { ConfigResourceTypes } from 'kafkajs';
import { createTopic, describePartitions, endOffsets, pollUntil, uniqueName, withAdmin, withProducer, withLabAdmin } from '@kafka-labs/tool/harness';
import { applySizeRetention, logStartOffsets, RETENTION_BYTES, SEGMENT_BYTES } from '#lab/retention';

describe('retention', () => {
  it('deletes the oldest segments once the partition holds more than retention.bytes', async () => {
    const topic = await createTopic(uniqueName('retention'), { numPartitions: 1, replicationFactor: 3 });
    await withLabAdmin((admin) => applySizeRetention(admin, topic));
    // A configuration change reaches every broker a moment after alterConfigs answers.
    const configs = async () => {
      const { resources } = await withAdmin((admin) => admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['segment.bytes', 'retention.bytes'] }] }));
      return Object.fromEntries(resources[0]!.configEntries.map((e) => [e.configName, Number(e.configValue)]));
    };
    const expected = { 'segment.bytes': 1024 * 1024, 'retention.bytes': RETENTION_BYTES };
    const seen = await pollUntil(configs, (c) => c['segment.bytes'] === expected['segment.bytes'] && c['retention.bytes'] === expected['retention.bytes'], { timeoutMs: 10_000 });
    expect(seen, 'the topic\'s segment.bytes and retention.bytes, 10 s after applySizeRetention').toEqual(expected);

    // 8 MB of 1 KB records: 8 segments of 1 MB, far more than retention.bytes keeps.
    const record = 'x'.repeat(1000);
    await withProducer(async (producer) => {
      for (let batch = 0; batch < 16; batch++) await producer.send({ topic, messages: Array.from({ length: 500 }, () => ({ value: record })) });
    });
    // The brokers look for segments to delete every 10 s (log.retention.check.interval.ms of the lab cluster).
    const earliest = async () => Number((await withAdmin((admin) => admin.fetchTopicOffsets(topic)))[0]!.low);
    let start = 0;
    let produced = 8000;
    const keptBytes = () => (produced - start) * 1000;
    const bound = RETENTION_BYTES + 2 * SEGMENT_BYTES;
    // A retention pass may run while the 8 MB are still written: it deletes what is over retention.bytes then,
    // and the next pass (10 s later) the rest. Wait for the pass that leaves the partition within the bound.
    for (let second = 1, deadline = Date.now() + 60_000; Date.now() < deadline; second++) {
      start = await earliest();
      if (start !== 0 && keptBytes() <= bound) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // The partition leader may apply segment.bytes only after the 8 MB were written: they then sit in one
      // segment, which size-based retention deletes only once the rest of the partition alone exceeds
      // retention.bytes. 1 MB more every 5 s gets there whenever the leader applied the configuration.
      if (second % 5 === 0) {
        await withProducer(async (producer) => {
          for (let batch = 0; batch < 2; batch++) await producer.send({ topic, messages: Array.from({ length: 500 }, () => ({ value: record })) });
        });
        produced += 1000;
      }
    }
    console.log(`retention: earliest offset ${start} of ${produced} after the retention check`);
    const partition = start === 0 ? (await describePartitions(topic))[0] : undefined;
    expect(start, `the earliest offset of the partition (0 until a segment is deleted)${partition ? `; leader ${partition.leader}, in-sync replicas ${partition.isr.join(',')}, end offset ${(await endOffsets(topic)).get(0)}` : ''}`).toBeGreaterThan(0);
    expect(Object.fromEntries(await withLabAdmin((admin) => logStartOffsets(admin, topic))), 'logStartOffsets(topic)').toEqual({ 0: await earliest() });
    expect(keptBytes(), 'bytes still stored once retention ran: at most retention.bytes plus the segments retention cannot delete yet').toBeLessThanOrEqual(bound);
  });
});
