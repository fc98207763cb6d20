import type { Admin } from 'kafkajs';
import { labKafka } from './client.js';

/**
 * The workbook's topic re-creation: delete the topic (and all its records), then create it again with
 * 5 partitions, each copied on 3 brokers.
 */
export async function recreatePositionTopic(admin: Admin, topic = 'position'): Promise<void> {
  if ((await admin.listTopics()).includes(topic)) {
    await admin.deleteTopics({ topics: [topic] });
    // Deletion is asynchronous on the brokers: wait until the topic is really gone before creating it.
    while ((await admin.listTopics()).includes(topic)) await new Promise((r) => setTimeout(r, 100));
  }
  await admin.createTopics({ topics: [{ topic, numPartitions: 5, replicationFactor: 3 }] });
}

async function hasLeaders(admin: Admin, topic: string): Promise<boolean> {
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]!.partitions.length > 0 && topics[0]!.partitions.every((p) => p.leader >= 0);
  } catch {
    return false;
  }
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
