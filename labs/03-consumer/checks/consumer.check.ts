import { describe, expect, it } from 'vitest';
import { endOffsets, committedOffsets, pollUntil, query, startBroker, stopBroker } from '@kafka-labs/tool/harness';
import { expectNothingLost, groupMembers, consumerProcesses, newPositionTopic, producePositions, waitForRows, waitUntilStored } from './consumption.js';

describe.concurrent('store-every-record', () => {
  it('stores one row per record, every partition, nothing lost, nothing twice', async (context) => {
    const start = consumerProcesses(context);
    const { topic, groupId } = await newPositionTopic();
    await producePositions(topic, 300);
    const accounting = await waitUntilStored(topic, [start(topic, groupId, 3)], { groupId });
    expectNothingLost(accounting);
    expect(accounting.duplicates, 'records stored twice in a run without failure').toBe(0);
  });
});

describe.concurrent('restart-same-group', () => {
  it('stops on Ctrl+C with its offsets committed and the group left, then resumes where it stopped', async (context) => {
    const start = consumerProcesses(context);
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

describe.concurrent('rebalance', () => {
  it('spreads the 5 partitions over the 5 members of two processes, and logs what each is assigned and gives back', async (context) => {
    const start = consumerProcesses(context);
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

describe.concurrent('kill-and-restart', () => {
  it('loses nothing when a process is killed mid-consumption and restarted (duplicates counted)', async (context) => {
    const start = consumerProcesses(context);
    const { topic, groupId } = await newPositionTopic();
    await producePositions(topic, 600);
    const first = start(topic, groupId, 2);
    const before = await waitForRows(topic, 200, first);
    await first.stop('SIGKILL');
    const accounting = await waitUntilStored(topic, [start(topic, groupId, 2)], { groupId, timeoutMs: 90_000 });
    console.log(`kill-and-restart: killed after ${before}+ rows; ${accounting.stored}/${accounting.produced} records stored, ${accounting.duplicates} stored twice`);
    expectNothingLost(accounting);
  });
});

describe.concurrent('insert-fails-once', () => {
  it('still stores a record whose insert failed, after the process died before it could retry', async (context) => {
    const start = consumerProcesses(context);
    const { topic, groupId } = await newPositionTopic();
    await producePositions(topic, 200);
    const [partition] = [...(await endOffsets(topic))].find(([, end]) => end > 10)!;
    const offset = 5;
    // The database rejects that one record until the check says otherwise; a sequence counts the rejections
    // (sequences are not rolled back with the failed insert).
    const name = topic.replace(/-/g, '_');
    await query(`CREATE SEQUENCE ${name}_rejections`);
    await query(`CREATE TABLE ${name}_control (accept boolean NOT NULL)`);
    await query(`INSERT INTO ${name}_control VALUES (false)`);
    await query(`CREATE FUNCTION ${name}_reject() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."partition" = ${partition} AND NEW."offset" = ${offset} AND NOT (SELECT accept FROM ${name}_control) THEN
          PERFORM nextval('${name}_rejections');
          RAISE EXCEPTION 'rejected on purpose: record % of partition %', NEW."offset", NEW."partition";
        END IF;
        RETURN NEW;
      END $$`);
    await query(`CREATE TRIGGER ${name}_reject BEFORE INSERT ON processed_position FOR EACH ROW WHEN (NEW.topic = '${topic}') EXECUTE FUNCTION ${name}_reject()`);
    try {
      const first = start(topic, groupId, 1);
      const rejections = async () => Number((await query<{ n: string }>(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM ${name}_rejections`))[0]!.n);
      // The insert failed at least once; the process dies before the database accepts it.
      const rejected = await pollUntil(rejections, (n) => n > 0 || first.ended, { timeoutMs: 30_000 });
      if (!rejected && first.ended) throw new Error(`the consumer exited before it tried to insert record ${offset} of partition ${partition}; it printed:\n${first.tail(8)}`);
      expect(rejected, `inserts of record ${offset} of partition ${partition} tried within 30 s (the consumer printed: ${first.output.slice(-3).join(' / ')})`).toBeGreaterThan(0);
      // The kill waits until the consumer has shown what it does after the failure: it tries the record again
      // (a second rejection), or it moves on and commits past it. Killed sooner, a commit on its way is lost too.
      const committedPast = async () => ((await committedOffsets(groupId, topic)).get(partition) ?? -1) > offset;
      await pollUntil(async () => (await rejections()) > 1 || (await committedPast()) || first.ended, Boolean, { timeoutMs: 20_000 });
      await first.stop('SIGKILL');
      await query(`UPDATE ${name}_control SET accept = true`);
      const accounting = await waitUntilStored(topic, [start(topic, groupId, 1)], { groupId, timeoutMs: 45_000 });
      expectNothingLost(accounting);
    } finally {
      await query(`DROP TRIGGER IF EXISTS ${name}_reject ON processed_position`);
      await query(`DROP FUNCTION IF EXISTS ${name}_reject()`);
      await query(`DROP SEQUENCE IF EXISTS ${name}_rejections`);
      await query(`DROP TABLE IF EXISTS ${name}_control`);
    }
  });
});

// A broker stopped is a fault of the whole cluster: this check runs last, alone (a plain describe after the concurrent ones).
describe('broker-restart', () => {
  it('loses nothing when a broker stops mid-consumption and comes back', async (context) => {
    const start = consumerProcesses(context);
    const { topic, groupId } = await newPositionTopic();
    await producePositions(topic, 600);
    const consumer = start(topic, groupId, 3);
    await waitForRows(topic, 200, consumer);
    await stopBroker(1);
    let restarted: Promise<void> | undefined;
    try {
      await producePositions(topic, 200, 600);
    } finally {
      // The consumer goes on while the broker starts again.
      restarted = startBroker(1);
    }
    const [accounting] = await Promise.all([waitUntilStored(topic, [consumer], { groupId, timeoutMs: 90_000 }), restarted]);
    console.log(`broker-restart: ${accounting.stored}/${accounting.produced} records stored, ${accounting.duplicates} stored twice`);
    expectNothingLost(accounting);
  });
});
