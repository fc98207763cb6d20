import fs from 'node:fs';
import path from 'node:path';
import { labConnectUrl, labElasticsearch } from './client.js';
import { connectorState, deployConnector, type Connector } from './connect.js';
import { createPositionIndex } from './position-index.js';

/**
 * `pnpm lab 5 run deploy`: creates the index `position` (createPositionIndex), deploys connect/position-sink.json
 * to Kafka Connect (deployConnector), and shows the connector's state a few seconds later.
 */
export async function main(): Promise<void> {
  const es = labElasticsearch();
  try {
    await createPositionIndex(es);
    console.log('index position: ready');
  } finally {
    await es.close();
  }
  const connector = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'connect', 'position-sink.json'), 'utf8')) as Connector;
  await deployConnector(labConnectUrl(), connector);
  console.log(`connector ${connector.name}: deployed`);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const state = await connectorState(labConnectUrl(), connector.name);
  console.log(`connector ${connector.name}: ${state.connector}, tasks ${state.tasks.join(', ') || 'none yet'}`);
}
