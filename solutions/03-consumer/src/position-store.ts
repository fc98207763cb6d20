import type pg from 'pg';
import type { ProcessedPosition } from './model.js';

/** Stores one processed record as a row of `processed_position`. Throws when the database refuses it. */
export async function insertPosition(db: pg.Pool, row: ProcessedPosition): Promise<void> {
  await db.query(
    'INSERT INTO processed_position (topic, "partition", "offset", courier_id, latitude, longitude) VALUES ($1, $2, $3, $4, $5, $6)',
    [row.topic, row.partition, row.offset, row.courierId, row.latitude, row.longitude],
  );
}
