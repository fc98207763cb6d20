import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import type pg from 'pg';
import { consumerGroup, labDatabase, labKafka, positionTopic } from './client.js';
import { parsePosition } from './model.js';
import { insertPosition } from './position-store.js';

export interface PositionConsumersOptions {
  kafka: Kafka;
  db: pg.Pool;
  topic: string;
  groupId: string;
  /** How many consumers join the group from this process (the workbook's nbThreads). */
  consumers: number;
  log?: (line: string) => void;
}

export interface RunningConsumers {
  /** Leaves the group cleanly: the last offsets are committed, the partitions handed to the others at once. */
  stop(): Promise<void>;
}

/** `consumers` members of one group, each inserting a row per record into PostgreSQL. */
export async function startPositionConsumers(options: PositionConsumersOptions): Promise<RunningConsumers> {
  const log = options.log ?? console.log;
  const consumers: Consumer[] = [];
  for (let i = 0; i < options.consumers; i++) {
    const consumer = createPositionConsumer(options.kafka, `${options.groupId}-${process.pid}`);
    logRebalances(consumer, `consumer-${i}`, log);
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    await consumer.run({
      // Offsets are committed by hand, after the insert: see storeThenCommit.
      autoCommit: false,
      eachMessage: (payload) => storeThenCommit(consumer, options.db, payload),
    });
    consumers.push(consumer);
  }
  return { stop: () => Promise.all(consumers.map((c) => c.disconnect())).then(() => undefined) };
}

/**
 * A member of the group. A short session timeout lets the group notice a killed member in 6 s (the broker's
 * minimum, group.min.session.timeout.ms) instead of kafkajs' default 30 s; heartbeats go every 500 ms, well
 * within it. A fetch waits at most 500 ms for new records (kafkajs' default: 5 s), so a stop is quick.
 */
export function createPositionConsumer(kafka: Kafka, groupId: string): Consumer {
  return kafka.consumer({ groupId, sessionTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 500 });
}

/**
 * At-least-once: the row first, then the commit of the next offset to read. A crash between the two makes
 * the group deliver the record again (a duplicate row), never lose it. Committing first would be at-most-once:
 * a failed insert after the commit loses the record for good. When the insert throws, kafkajs does not commit
 * and delivers the record again.
 */
async function storeThenCommit(consumer: Consumer, db: pg.Pool, { topic, partition, message }: EachMessagePayload): Promise<void> {
  const position = parsePosition(message.value);
  await insertPosition(db, { topic, partition, offset: message.offset, courierId: position.courierId, latitude: position.latitude, longitude: position.longitude });
  await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
}

/** Rebalance handlers: which partitions each member gets, and gives back when the group rebalances. */
export function logRebalances(consumer: Consumer, name: string, log: (line: string) => void): void {
  let assigned: string[] = [];
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assigned = Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) => partitions.map((p) => `${topic}-${p}`));
    log(`${name}: partitions assigned: ${assigned.join(', ') || '(none)'}`);
  });
  // kafkajs revokes every partition of every member when the group rebalances (the eager protocol).
  consumer.on(consumer.events.REBALANCING, () => log(`${name}: partitions revoked: ${assigned.join(', ') || '(none)'}`));
}

/** `pnpm lab 3 run consumer -- <nbThreads>`: nbThreads consumers in one group, until Ctrl+C. */
export async function main(args: string[]): Promise<void> {
  const consumers = Number(args[0] ?? 1);
  if (!Number.isInteger(consumers) || consumers < 1) throw new Error('usage: consumer <nbThreads> (a positive number)');
  // Ctrl+C from the very start: a stop requested while the consumers join still stops them cleanly.
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const db = labDatabase();
  const running = await startPositionConsumers({ kafka: labKafka('position-consumer'), db, topic: positionTopic(), groupId: consumerGroup(), consumers });
  console.log(`${consumers} consumer(s) in group ${consumerGroup()} reading ${positionTopic()}: Ctrl+C to stop`);
  await stopRequested;
  await running.stop();
  await db.end();
  console.log('stopped: offsets committed, group left');
}
