import type { InputRecord, KeyValueStore, ProcessorContext } from '@kafka-labs/tool/streams';
import type { OutputTopics } from './client.js';
import type { Courier } from './generated/courier.js';

/** The state stores of the topology (kept in memory, backed by changelog topics by the runner). */
export const STORES = { counts: 'position-counts', windowCounts: 'position-window-counts', courierPositions: 'courier-positions', positionCouriers: 'position-couriers' } as const;

/** mapValues: the courier with its latitude and longitude rounded to whole degrees. */
export function roundPosition(courier: Courier): Courier {
  // TODO: the same courier, its latitude and longitude rounded to whole degrees (Math.round).
  throw new Error('TODO: roundPosition');
}

/** The key of a (rounded) position: "latitude,longitude". */
export function positionKey(courier: Courier): string {
  // TODO: "latitude,longitude" of the (rounded) position.
  throw new Error('TODO: positionKey');
}

/**
 * Stateless: each position rounded (keyed by courier id), then keys and values swapped (the rounded position
 * becomes the key, the courier id the value), then branched on the rounded latitude: above 45 or not. Every
 * record keeps the timestamp of the record it comes from (event time).
 */
export function stateless({ value, timestamp }: InputRecord<Courier>, context: ProcessorContext, topics: OutputTopics): void {
  // TODO: forward to topics.rounded the rounded courier (key: its id, value: JSON); then to topics.byPosition the
  // swapped record (key: positionKey, value: the courier id); then the same to topics.north when the rounded
  // latitude is above 45, else to topics.south. Every record keeps the input record's timestamp.
}

/** count(): how many records were at each rounded position, kept in a store; each new count goes downstream. */
export function countPerPosition({ value, timestamp }: InputRecord<Courier>, context: ProcessorContext, topics: OutputTopics): void {
  // TODO: add 1 to the count of the rounded position in the store STORES.counts, and forward the new count
  // (key: the position, value: the count as a string) to topics.count.
}

/** The same count in tumbling windows of 1 s on record time (event time, never the clock). */
export function countPerWindow({ value, timestamp }: InputRecord<Courier>, context: ProcessorContext, topics: OutputTopics): void {
  // TODO: the same per 1-second tumbling window of the record's timestamp (event time): key
  // "windowStart|position" in STORES.windowCounts, forwarded to topics.windowedCount.
}

/**
 * The live list of couriers at each rounded position: a courier that moves leaves its old position's list
 * (which goes downstream too, possibly empty).
 */
export function trackCouriers({ value, timestamp }: InputRecord<Courier>, context: ProcessorContext, topics: OutputTopics): void {
  // TODO: keep each courier's last position (STORES.courierPositions) and the sorted list of couriers at each
  // position (STORES.positionCouriers). When a courier moves, take it off its old position's list and forward
  // that list too (JSON; [] when empty); forward the new position's list to topics.couriers.
}

/** Interactive query: the couriers at a position now, from the store ([] for a position nobody is at). */
export function couriersAt(store: KeyValueStore<string[]>, position: string): string[] {
  // TODO: the couriers at that position now, from the store; [] where nobody is.
  throw new Error('TODO: couriersAt');
}
