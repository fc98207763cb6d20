import { describe, expect, it } from 'vitest';
import { endOffsets, pollUntil } from '@kafka-labs/tool/harness';
import { committedOffsets, expectNothingLost, groupMembers, consumerProcesses, newPositionTopic, producePositions, waitUntilStored } from './consumption.js';

const start = consumerProcesses();

describe('store-every-record', () => {
  it('stores one row per record, every partition, nothing lost, nothing twice', async () => {
    const { topic, groupId } = await newPositionTopic();
    await producePositions(topic, 300);
    const accounting = await waitUntilStored(topic, [start(topic, groupId, 3)], { groupId });
    expectNothingLost(accounting);
    expect(accounting.duplicates, 'records stored twice in a run without failure').toBe(0);
  });
});

describe('restart-same-group', () => {
  it('stops on Ctrl+C with its offsets committed and the group left, then resumes where it stopped', async () => {
    const { topic, groupId } = await newPositionTopic();
    await producePositions(topic, 200);
    const first = start(topic, groupId, 3);
    expectNothingLost(await waitUntilStored(topic, [first], { groupId }));
    expect(await first.stop('SIGINT'), 'exit code after Ctrl+C').toBe(0);
    expect((await groupMembers(groupId)).partitions, 'members left in the group after the stop').toEqual([]);
    expect(Object.fromEntries(await committedOffsets(groupId, topic)), 'committed offset per partition (the next record to read)').toEqual(Object.fromEntries(await endOffsets(topic)));

    await producePositions(topic, 200, 200);
    const accounting = await waitUntilStored(topic, [start(topic, groupId, 3)], { groupId });
    expectNothingLost(accounting);
    expect(accounting.duplicates, 'records stored again after a clean stop and restart').toBe(0);
  });
});

describe('rebalance', () => {
  it('spreads the 5 partitions over the 5 members of two processes, and logs what each is assigned and gives back', async () => {
    const { topic, groupId } = await newPositionTopic();
    const two = start(topic, groupId, 2);
    await two.waitForOutput(/assigned/i);
    const three = start(topic, groupId, 3);
    // The group settles when its 5 members hold one partition each.
    const spread = async () => (await groupMembers(groupId)).partitions.map((p) => p.join(',')).sort();
    const seen = await pollUntil(spread, (s) => s.join(' ') === '0 1 2 3 4', { timeoutMs: 25_000, intervalMs: 500 });
    expect(seen, `the partitions of each member of the group ${groupId} after 25 s (both processes' consumers must join this one group)`).toEqual(['0', '1', '2', '3', '4']);
    await producePositions(topic, 500);
    const accounting = await waitUntilStored(topic, [two, three], { groupId });
    expectNothingLost(accounting);
    expect(two.output.some((l) => /revoked/i.test(l)), 'the first process logs the partitions revoked when the second joins').toBe(true);
    expect(three.output.some((l) => /assigned/i.test(l)), 'the second process logs the partitions assigned').toBe(true);
  });
});
