import type { Client } from '@elastic/elasticsearch';

/**
 * The workbook's 5.2: creates the index that receives the positions, with `@timestamp` mapped as a date given
 * in epoch milliseconds, and no replica (the lab's Elasticsearch is a single node).
 * The deploy program calls it at each run: when the index exists already, it must leave it as it is.
 */
export async function createPositionIndex(es: Client, index = 'position'): Promise<void> {
  // TODO: create `index` (es.indices.create) unless it exists (es.indices.exists), with the mapping and setting above.
  throw new Error(`TODO: create the index ${index} (src/position-index.ts)`);
}
