import type { Admin, ITopicConfig } from 'kafkajs';

/**
 * Creates the topics that do not exist yet and waits until every partition has a leader; returns the created
 * ones. kafkajs' `waitForLeaders` asks one broker, which may not know the topics yet (UNKNOWN_TOPIC_OR_PARTITION,
 * which it does not retry): this waits on the metadata itself, 10 s at most.
 */
export async function createMissingTopics(admin: Admin, topics: ITopicConfig[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.topic));
  if (missing.length === 0) return [];
  await admin.createTopics({ waitForLeaders: false, topics: missing });
  const names = missing.map((t) => t.topic);
  for (let attempt = 0; ; attempt++) {
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics: names });
      if (described.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return names;
      if (attempt >= 50) throw new Error(`the topics ${names.join(', ')} have no leader 10 s after their creation`);
    } catch (error) {
      if (attempt >= 50) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
