import { runStreamsApp } from '@kafka-labs/tool/streams';
import { applicationId, inputTopic, labKafka, labRegistry, outputTopics } from './client.js';
import type { Courier } from './generated/courier.js';
import { countPerPosition, countPerWindow, couriersAt, stateless, STORES, trackCouriers } from './topology.js';

/**
 * `pnpm lab 7 run app -- [query port]`: the stream application on position-avro, until Ctrl+C, with its
 * interactive queries on http://127.0.0.1:<port>/couriers/<latitude,longitude> (given: your work is in topology.ts).
 */
export async function main(args: string[]): Promise<void> {
  const registry = labRegistry();
  const topics = outputTopics();
  const port = Number(args[0] ?? process.env.STREAMS_QUERY_PORT ?? 7070);
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const app = await runStreamsApp<Courier>({
    applicationId: applicationId(),
    kafka: labKafka(applicationId()),
    input: inputTopic(),
    sinks: Object.values(topics),
    decode: async (value) => (await registry.decode(value)) as Courier,
    stores: Object.values(STORES),
    process: (record, context) => {
      stateless(record, context, topics);
      countPerPosition(record, context, topics);
      countPerWindow(record, context, topics);
      trackCouriers(record, context, topics);
    },
    query: { port, answer: ([what, position], context) => (what === 'couriers' && position ? couriersAt(context.store<string[]>(STORES.positionCouriers), position) : undefined) },
  });
  console.log(`${applicationId()} reads ${inputTopic()}; interactive queries on http://127.0.0.1:${port}/couriers/<latitude,longitude>: Ctrl+C to stop`);
  await stopRequested;
  await app.stop();
}
