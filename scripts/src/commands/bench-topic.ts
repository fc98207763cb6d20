import type { Admin } from 'kafkajs';

/** A fresh topic of 5 partitions × 3 replicas for one benchmark run, once its leaders answer. */
export async function newTopic(admin: Admin, name: string): Promise<string> {
  const topic = `${name}-${Date.now()}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 5, replicationFactor: 3 }], waitForLeaders: false });
  // Until the leaders answer, records would wait in retries and distort the timing.
  for (;;) {
    try {
      await admin.fetchTopicOffsets(topic);
      return topic;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
