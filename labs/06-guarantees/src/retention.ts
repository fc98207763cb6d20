import type { Admin } from 'kafkajs';

/** 1 MB segments: the smallest unit retention deletes is a whole, closed segment. */
export const SEGMENT_BYTES = 1024 * 1024;
/** Per partition: older segments go once a partition holds more than this. */
export const RETENTION_BYTES = 2 * 1024 * 1024;

/** Sets the topic's segment size and size-based retention (like `kafka-configs --alter --add-config`). */
export async function applySizeRetention(admin: Admin, topic: string): Promise<void> {
  // TODO: set the topic's segment.bytes to SEGMENT_BYTES and retention.bytes to RETENTION_BYTES (admin.alterConfigs).
  throw new Error('TODO: applySizeRetention');
}

/** The first offset still stored in each partition: past 0 once retention deleted segments. */
export async function logStartOffsets(admin: Admin, topic: string): Promise<Map<number, number>> {
  // TODO: the earliest offset of each partition (admin.fetchTopicOffsets).
  throw new Error('TODO: logStartOffsets');
}
