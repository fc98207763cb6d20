import { ConfigResourceTypes, type Admin } from 'kafkajs';

/** 1 MB segments: the smallest unit retention deletes is a whole, closed segment. */
export const SEGMENT_BYTES = 1024 * 1024;
/** Per partition: older segments go once a partition holds more than this. */
export const RETENTION_BYTES = 2 * 1024 * 1024;

/** Sets the topic's segment size and size-based retention (like `kafka-configs --alter --add-config`). */
export async function applySizeRetention(admin: Admin, topic: string): Promise<void> {
  await admin.alterConfigs({
    validateOnly: false,
    resources: [{
      type: ConfigResourceTypes.TOPIC,
      name: topic,
      configEntries: [
        { name: 'segment.bytes', value: String(SEGMENT_BYTES) },
        { name: 'retention.bytes', value: String(RETENTION_BYTES) },
      ],
    }],
  });
}

/** The first offset still stored in each partition: past 0 once retention deleted segments. */
export async function logStartOffsets(admin: Admin, topic: string): Promise<Map<number, number>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map((o) => [o.partition, Number(o.low)]));
}
