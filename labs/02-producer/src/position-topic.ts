import type { Admin } from 'kafkajs';
import { labKafka } from './client.js';

/**
 * The workbook's topic re-creation: delete the topic (and all its records), then create it again with
 * 5 partitions, each copied on 3 brokers.
 */
export async function recreatePositionTopic(admin: Admin, topic = 'position'): Promise<void> {
  // TODO: if the topic exists, delete it and wait until the brokers no longer list it.
  // TODO: create it with 5 partitions and replication factor 3, with waitForLeaders: false (kafkajs' own wait gives
  // up on the "This server does not host this topic-partition" answers of a new topic, on a fresh cluster), then
  // wait yourself until every partition has a leader.
  throw new Error('TODO: recreatePositionTopic');
}

/** `pnpm lab 2 run recreate-topic -- [topic]` */
export async function main(args: string[]): Promise<void> {
  const topic = args[0] ?? 'position';
  const admin = labKafka('position-admin').admin();
  await admin.connect();
  try {
    await recreatePositionTopic(admin, topic);
    console.log(`topic "${topic}" re-created: 5 partitions, replication factor 3`);
  } finally {
    await admin.disconnect();
  }
}
