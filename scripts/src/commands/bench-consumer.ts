import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AssignerProtocol, Kafka, logLevel, type Admin } from 'kafkajs';
import pc from 'picocolors';
import pg from 'pg';
import { UserError } from '../cli/errors.js';
import { positionRecord } from '../harness/positions.js';
import { loadLab, requireSolution } from '../course/load-lab.js';
import { applySchema } from '../course/schema.js';
import { startServices } from '../services/start.js';
import { newTopic } from './bench-topic.js';

// The starter declares the same API as the solution that runs (a trainee copy has no solutions/ to type-check against).
type Lab3 = typeof import('../../../labs/03-consumer/src/consumer.js');

const CONSUMERS = 5;

/**
 * `pnpm bench consumer`: the same records read twice in one run, by a group that only counts them and by the
 * lab 3 solution (a row in PostgreSQL and a commit per record), 5 consumers each; prints both rates and their
 * ratio. Rates run from the moment each group has settled (5 members, one partition each) to its last record:
 * the time to join the group is left out.
 */
export async function benchConsumer({ records, backend }: { records: number; backend?: string }): Promise<number> {
  if (!Number.isInteger(records) || records < 1000) throw new UserError('--records must be at least 1000');
  const lab = await loadLab(3);
  const { startPositionConsumers } = (await import(pathToFileURL(path.join(requireSolution(lab), 'src', 'consumer.ts')).href)) as Lab3;
  const { endpoints, env } = await startServices(lab.services, backend);
  await applySchema(lab, env);
  const kafka = new Kafka({ clientId: 'bench-consumer', brokers: endpoints.kafka!.bootstrapServers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const db = new pg.Pool({ connectionString: endpoints.postgres!.url, max: 10 });
  const topic = await newTopic(admin, 'bench-position');
  try {
    await produce(kafka, topic, records);
    console.log(pc.bold(`\nConsumer benchmark: ${records} records, 5 partitions × 3 replicas, ${CONSUMERS} consumers in each group\n`));
    const consumeOnly = await timeConsumeOnly(kafka, admin, topic, records);
    print('consume only (kafkajs, eachMessage counting)', consumeOnly, consumeOnly);
    const groupId = `bench-store-${Date.now()}`;
    const rows = async () => Number((await db.query('SELECT count(*) AS n FROM processed_position WHERE topic = $1', [topic])).rows[0].n);
    const running = await startPositionConsumers({ kafka, db, topic, groupId, consumers: CONSUMERS, log: () => {} });
    const stored = await rateOnceSettled(admin, groupId, rows, records);
    await running.stop();
    print('lab 3 solution: insert into PostgreSQL, then commit', stored, consumeOnly);
  } finally {
    await db.query('DELETE FROM processed_position WHERE topic = $1', [topic]).catch(() => {});
    await db.end();
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  }
  return 0;
}

async function produce(kafka: Kafka, topic: string, records: number): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  for (let start = 0; start < records; start += 1000) {
    const messages = Array.from({ length: Math.min(1000, records - start) }, (_, i) => positionRecord(`courier-${(start + i) % 100}`));
    await producer.send({ topic, messages });
  }
  await producer.disconnect();
}

/**
 * Records per second of a group whose consumers read every record and do nothing else. They read faster than
 * 5 members take to join: they are paused until the group settles, then timed from their resume to the last record.
 */
async function timeConsumeOnly(kafka: Kafka, admin: Admin, topic: string, records: number): Promise<number> {
  let read = 0;
  const groupId = `bench-read-${Date.now()}`;
  const consumers = Array.from({ length: CONSUMERS }, () => kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 }));
  for (const consumer of consumers) {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => void (read += 1) });
    consumer.pause([{ topic }]);
  }
  await until(async () => isSettled(admin, groupId));
  const [from, at] = [read, Date.now()];
  for (const consumer of consumers) consumer.resume([{ topic }]);
  await until(async () => read >= records);
  const perSecond = ((records - from) / (Date.now() - at)) * 1000;
  await Promise.all(consumers.map((c) => c.disconnect()));
  return perSecond;
}

/** 5 members, one partition each, no rebalance under way. */
async function isSettled(admin: Admin, groupId: string): Promise<boolean> {
  const { groups } = await admin.describeGroups([groupId]);
  const spread = (groups[0]?.members ?? []).map((m) => Object.values(AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {}).flat().length);
  return groups[0]?.state === 'Stable' && spread.length === CONSUMERS && spread.every((n) => n === 1);
}

/**
 * Records per second from the moment the group settles (5 members, one partition each) to the last record:
 * the rebalances while members join are left out. A group that is done before it settles is timed from its start.
 */
async function rateOnceSettled(admin: Admin, groupId: string, count: () => Promise<number>, records: number): Promise<number> {
  const started = Date.now();
  let settled: { at: number; done: number } | undefined;
  for (;;) {
    const done = await count();
    if (done >= records) break;
    if (!settled && (await isSettled(admin, groupId))) settled = { at: Date.now(), done: await count() };
    await new Promise((r) => setTimeout(r, 100));
  }
  const from = settled ?? { at: started, done: 0 };
  return ((records - from.done) / (Date.now() - from.at)) * 1000;
}

async function until(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 100));
}

function print(name: string, perSecond: number, reference: number): void {
  console.log(`  ${name.padEnd(52)} ${Math.round(perSecond).toString().padStart(8)} records/s   ${(perSecond / reference).toFixed(2)}× consume-only`);
}
