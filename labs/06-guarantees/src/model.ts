/** A courier of the delivery company: the key of every record is its id. */
export interface Courier {
  id: string;
}

/** Where a courier is: the value of every record of `position`, as JSON (workshop 2). */
export interface Position {
  courierId: string;
  latitude: number;
  longitude: number;
  /** Epoch milliseconds. */
  timestamp: number;
}

/** What the transfer writes to its output topic: how far the courier is from the origin point. */
export interface CourierDistance {
  courierId: string;
  distanceKm: number;
  timestamp: number;
}

/** The origin point of the transfer: the centre of Paris. */
export const ORIGIN = { latitude: 48.8566, longitude: 2.3522 };

export function courier(index: number): Courier {
  return { id: `courier-${index}` };
}

/** A courier moving a little around Paris, one step per record. */
export function nextPosition(courier: Courier, step: number): Position {
  return {
    courierId: courier.id,
    latitude: ORIGIN.latitude + Math.sin(step / 50) / 100,
    longitude: ORIGIN.longitude + Math.cos(step / 50) / 100,
    timestamp: Date.now(),
  };
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(from: { latitude: number; longitude: number }, to: { latitude: number; longitude: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const a = Math.sin(rad(to.latitude - from.latitude) / 2) ** 2 + Math.cos(rad(from.latitude)) * Math.cos(rad(to.latitude)) * Math.sin(rad(to.longitude - from.longitude) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}

export const toJson = <T>(value: T): Buffer => Buffer.from(JSON.stringify(value), 'utf8');
