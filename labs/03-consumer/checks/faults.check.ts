import { describe, expect, it } from 'vitest';
import { endOffsets, pollUntil, query, startBroker, stopBroker } from '@kafka-labs/tool/harness';
import { expectNothingLost, consumerProcesses, newPositionTopic, producePositions, waitForRows, waitUntilStored } from './consumption.js';

const start = consumerProcesses();

describe('kill-and-restart', () => {
  it('loses nothing when a process is killed mid-consumption and restarted (duplicates counted)', async () => {
    const { topic, groupId } = await newPositionTopic();
    await producePositions(topic, 3000);
    const first = start(topic, groupId, 2);
    const before = await waitForRows(topic, 300, first);
    await first.stop('SIGKILL');
    const accounting = await waitUntilStored(topic, [start(topic, groupId, 2)], { groupId, timeoutMs: 90_000 });
    console.log(`kill-and-restart: killed after ${before}+ rows; ${accounting.stored}/${accounting.produced} records stored, ${accounting.duplicates} stored twice`);
    expectNothingLost(accounting);
  });
});

describe('broker-restart', () => {
  it('loses nothing when a broker stops mid-consumption and comes back', async () => {
    const { topic, groupId } = await newPositionTopic();
    await producePositions(topic, 2000);
    const consumer = start(topic, groupId, 3);
    await waitForRows(topic, 300, consumer);
    await stopBroker(1);
    try {
      await producePositions(topic, 500, 2000);
    } finally {
      await startBroker(1);
    }
    const accounting = await waitUntilStored(topic, [consumer], { groupId, timeoutMs: 90_000 });
    console.log(`broker-restart: ${accounting.stored}/${accounting.produced} records stored, ${accounting.duplicates} stored twice`);
    expectNothingLost(accounting);
  });
});

describe('insert-fails-once', () => {
  it('still stores a record whose insert failed, after the process died before it could retry', async () => {
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
      // The insert failed at least once; the process dies before the database accepts it.
      const rejected = await pollUntil(async () => (await query<{ is_called: boolean }>(`SELECT is_called FROM ${name}_rejections`))[0]!.is_called, (called) => called || first.ended, { timeoutMs: 30_000 });
      if (!rejected && first.ended) throw new Error(`the consumer exited before it tried to insert record ${offset} of partition ${partition}; it printed:\n${first.tail(8)}`);
      expect(rejected, `an insert of record ${offset} of partition ${partition} tried within 30 s (the consumer printed: ${first.output.slice(-3).join(' / ')})`).toBe(true);
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
