import type { Admin } from 'kafkajs';
import { labKafka } from './client.js';

export interface PartitionDescription {
  partition: number;
  /** The broker that takes the reads and writes of the partition. */
  leader: number;
  /** The brokers holding a copy, leader included. */
  replicas: number[];
  /** The replicas caught up with the leader (in-sync replicas). */
  isr: number[];
}

/** `kafka-topics.sh --create --topic testing --partitions 5 --replication-factor 2` */
export async function createTestingTopic(admin: Admin, topic = 'testing'): Promise<void> {
  // TODO: create the topic with 5 partitions and a replication factor of 2.
  throw new Error('TODO: createTestingTopic');
}

/** `kafka-topics.sh --list`, without Kafka's internal topics (`__consumer_offsets`, …). */
export async function listTopics(admin: Admin): Promise<string[]> {
  // TODO: the names of the cluster's topics, without Kafka's internal ones (they start with "__").
  throw new Error('TODO: listTopics');
}

/** `kafka-topics.sh --describe --topic <topic>`: leader, replicas and ISR of every partition. */
export async function describeTopic(admin: Admin, topic: string): Promise<PartitionDescription[]> {
  // TODO: the leader, replicas and in-sync replicas of each partition, sorted by partition, and the broker ids
  // of each list sorted as numbers (Kafka lists them in no set order).
  throw new Error('TODO: describeTopic');
}

/** `pnpm lab 1 run topics -- [topic]`: creates the topic if needed, then describes it. */
export async function main(args: string[]): Promise<void> {
  const topic = args[0] ?? 'testing';
  const admin = labKafka('lab1-topics').admin();
  await admin.connect();
  try {
    if (!(await listTopics(admin)).includes(topic)) await createTestingTopic(admin, topic);
    console.log(`topics: ${(await listTopics(admin)).join(', ')}`);
    for (const p of await describeTopic(admin, topic)) {
      console.log(`${topic}  partition ${p.partition}  leader ${p.leader}  replicas ${p.replicas.join(',')}  isr ${p.isr.join(',')}`);
    }
  } finally {
    await admin.disconnect();
  }
}
