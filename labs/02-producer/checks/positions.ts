import { expect } from 'vitest';
import type { ConsumedRecord } from '@kafka-labs/tool/harness';

/** Every record is a position in JSON keyed by its courier id, `messages` per courier, each courier on one partition. */
export function expectPositions(records: ConsumedRecord[], couriers: number, messages: number): void {
  expect(records.length, 'records in the topic').toBe(couriers * messages);
  const perCourier = expectWellFormed(records);
  expect(perCourier.size, 'distinct couriers (keys)').toBe(couriers);
  for (const [key, ofCourier] of perCourier) expect(ofCourier.length, `records of ${key}`).toBe(messages);
}

/**
 * Every record is a position in JSON keyed by its courier id, each courier on one partition; returns the records
 * per courier. (Fire-and-forget: records may be missing, acks 0 guarantees nothing.)
 */
export function expectWellFormed(records: ConsumedRecord[]): Map<string, ConsumedRecord[]> {
  const perCourier = new Map<string, ConsumedRecord[]>();
  for (const record of records) {
    if (record.key === null) throw new Error(`a record without key (partition ${record.partition}, offset ${record.offset}): key each position by its courier id, so one courier's positions stay on one partition, in order`);
    expect(record.key, 'record key (the courier id)').toMatch(/^courier-\d+$/);
    let position: { courierId?: unknown; latitude?: unknown; longitude?: unknown; timestamp?: unknown };
    try {
      position = JSON.parse(record.value ?? '');
    } catch {
      throw new Error(`the value of a record is not JSON: ${JSON.stringify(record.value?.slice(0, 80))}`);
    }
    expect(position, 'a position in JSON').toMatchObject({ courierId: record.key, latitude: expect.any(Number), longitude: expect.any(Number), timestamp: expect.any(Number) });
    perCourier.set(record.key!, [...(perCourier.get(record.key!) ?? []), record]);
  }
  for (const [key, ofCourier] of perCourier) {
    expect(new Set(ofCourier.map((r) => r.partition)).size, `partitions holding ${key} (one key, one partition)`).toBe(1);
  }
  return perCourier;
}
