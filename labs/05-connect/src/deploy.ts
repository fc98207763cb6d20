import fs from 'node:fs';
import path from 'node:path';
import { labConnectUrl, labElasticsearch } from './client.js';
import { connectorState, deployConnector, type Connector } from './connect.js';
import { createPositionIndex } from './position-index.js';

/**
 * `pnpm lab 5 run deploy -- [file]`: creates the index of the connector's topic (createPositionIndex), deploys
 * the connector of connect/<file> (default position-sink.json; position-avro-sink.json for the Avro topic) to
 * Kafka Connect (deployConnector), and shows its state a few seconds later.
 */
export async function main(args: string[]): Promise<void> {
  const file = path.join(import.meta.dirname, '..', 'connect', args[0] ?? 'position-sink.json');
  const connector = JSON.parse(fs.readFileSync(file, 'utf8')) as Connector;
  const index = connector.config.topics ?? 'position';
  const es = labElasticsearch();
  try {
    await createPositionIndex(es, index);
    console.log(`index ${index}: ready`);
  } finally {
    await es.close();
  }
  await deployConnector(labConnectUrl(), connector);
  console.log(`connector ${connector.name}: deployed`);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const state = await connectorState(labConnectUrl(), connector.name);
  console.log(`connector ${connector.name}: ${state.connector}, tasks ${state.tasks.join(', ') || 'none yet'}`);
}
