import type { InputRecord, KeyValueStore, ProcessorContext } from '@kafka-labs/tool/streams';
import type { OutputTopics } from './client.js';
import type { Courier } from './generated/courier.js';

/** The state stores of the topology (kept in memory, backed by changelog topics by the runner). */
export const STORES = { counts: 'position-counts', windowCounts: 'position-window-counts', courierPositions: 'courier-positions', positionCouriers: 'position-couriers' } as const;

const WINDOW_MS = 1_000;

/** mapValues: the courier with its latitude and longitude rounded to whole degrees. */
export function roundPosition(courier: Courier): Courier {
  return { ...courier, position: { latitude: Math.round(courier.position.latitude), longitude: Math.round(courier.position.longitude) } };
}

/** The key of a (rounded) position: "latitude,longitude". */
export function positionKey(courier: Courier): string {
  return `${courier.position.latitude},${courier.position.longitude}`;
}

/**
 * Stateless: each position rounded (keyed by courier id), then keys and values swapped (the rounded position
 * becomes the key, the courier id the value), then branched on the rounded latitude: above 45 or not. Every
 * record keeps the timestamp of the record it comes from (event time).
 */
export function stateless({ value, timestamp }: InputRecord<Courier>, context: ProcessorContext, topics: OutputTopics): void {
  const rounded = roundPosition(value);
  context.forward(topics.rounded, { key: rounded.id, value: JSON.stringify(rounded), timestamp });
  const swapped = { key: positionKey(rounded), value: rounded.id, timestamp };
  context.forward(topics.byPosition, swapped);
  context.forward(rounded.position.latitude > 45 ? topics.north : topics.south, swapped);
}

/** count(): how many records were at each rounded position, kept in a store; each new count goes downstream. */
export function countPerPosition({ value, timestamp }: InputRecord<Courier>, context: ProcessorContext, topics: OutputTopics): void {
  const counts = context.store<number>(STORES.counts);
  const position = positionKey(roundPosition(value));
  const count = (counts.get(position) ?? 0) + 1;
  counts.put(position, count);
  context.forward(topics.count, { key: position, value: String(count), timestamp });
}

/** The same count in tumbling windows of 1 s on record time (event time, never the clock). */
export function countPerWindow({ value, timestamp }: InputRecord<Courier>, context: ProcessorContext, topics: OutputTopics): void {
  const counts = context.store<number>(STORES.windowCounts);
  const windowStart = timestamp - (timestamp % WINDOW_MS);
  const key = `${windowStart}|${positionKey(roundPosition(value))}`;
  const count = (counts.get(key) ?? 0) + 1;
  counts.put(key, count);
  context.forward(topics.windowedCount, { key, value: String(count), timestamp });
}

/**
 * The live list of couriers at each rounded position: a courier that moves leaves its old position's list
 * (which goes downstream too, possibly empty).
 */
export function trackCouriers({ value, timestamp }: InputRecord<Courier>, context: ProcessorContext, topics: OutputTopics): void {
  const lastPosition = context.store<string>(STORES.courierPositions);
  const couriersAt = context.store<string[]>(STORES.positionCouriers);
  const position = positionKey(roundPosition(value));
  const previous = lastPosition.get(value.id);
  if (previous === position) return;
  if (previous !== undefined) {
    const left = (couriersAt.get(previous) ?? []).filter((id) => id !== value.id);
    couriersAt.put(previous, left);
    context.forward(topics.couriers, { key: previous, value: JSON.stringify(left), timestamp });
  }
  const here = [...new Set([...(couriersAt.get(position) ?? []), value.id])].sort();
  couriersAt.put(position, here);
  lastPosition.put(value.id, position);
  context.forward(topics.couriers, { key: position, value: JSON.stringify(here), timestamp });
}

/** Interactive query: the couriers at a position now, from the store ([] for a position nobody is at). */
export function couriersAt(store: KeyValueStore<string[]>, position: string): string[] {
  return store.get(position) ?? [];
}
