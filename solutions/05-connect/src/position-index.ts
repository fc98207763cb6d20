import type { Client } from '@elastic/elasticsearch';

/**
 * The workbook's 5.2: creates the index that receives the positions, with `@timestamp` mapped as a date given
 * in epoch milliseconds (left to dynamic mapping, a number would become a `long`), and no replica (one node).
 * The deploy program calls it at each run: when the index exists already, it leaves it as it is.
 */
export async function createPositionIndex(es: Client, index = 'position'): Promise<void> {
  if (await es.indices.exists({ index })) return;
  await es.indices.create({
    index,
    settings: { number_of_replicas: 0 },
    mappings: { properties: { '@timestamp': { type: 'date', format: 'epoch_millis' } } },
  });
}
