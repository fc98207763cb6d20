/** Where a courier is: the value of every record of the `position` topic, as JSON (workshop 2's producer). */
export interface Position {
  courierId: string;
  latitude: number;
  longitude: number;
  /** Epoch milliseconds. */
  timestamp: number;
}

/** One row of `processed_position` (sql/create-table.sql): which record was processed, and what it said. */
export interface ProcessedPosition {
  topic: string;
  partition: number;
  offset: string;
  courierId: string;
  latitude: number;
  longitude: number;
}

export function parsePosition(value: Buffer | null): Position {
  if (!value) throw new Error('a record without value');
  return JSON.parse(value.toString('utf8')) as Position;
}
