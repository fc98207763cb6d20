import type pg from 'pg';
import type { ProcessedPosition } from './model.js';

/** Stores one processed record as a row of `processed_position`. Throws when the database refuses it. */
export async function insertPosition(db: pg.Pool, row: ProcessedPosition): Promise<void> {
  // TODO: insert the row into processed_position (sql/create-table.sql): topic, partition, offset, courier id,
  // latitude and longitude, with a parameterized query (db.query(sql, values)).
  throw new Error('TODO: insertPosition');
}
