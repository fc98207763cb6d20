import { labKafka, metricsPortOf, stopRequested } from './client.js';
import { measureSend, serveMetrics } from './metrics.js';

/**
 * `pnpm lab 10 run producer -- [count] [topics] [perSecond]`: workshop 2's producer, measured. It sends `count`
 * positions (default 100) to each topic (default position; several: a,b), one at a time with acks from all
 * in-sync replicas, at most `perSecond` a second (default 10: slow enough to watch), then serves its metrics
 * until Ctrl+C.
 */
export async function main(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 100);
  const topics = (args[1] ?? 'position').split(',');
  const perSecond = Number(args[2] ?? 10);
  const stopServing = await serveMetrics(metricsPortOf('PRODUCER'));
  const producer = labKafka('position-producer').producer({ allowAutoTopicCreation: true });
  await producer.connect();
  try {
    for (const topic of topics) {
      let failed = 0;
      const started = Date.now();
      for (let step = 0; step < count; step++) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (step * 1000) / perSecond - Date.now())));
        const position = { courierId: `courier-${step % 5}`, latitude: 48.8566 + Math.sin(step / 50) / 100, longitude: 2.3522 + Math.cos(step / 50) / 100, timestamp: Date.now() };
        await measureSend(topic, () => producer.send({ topic, acks: -1, messages: [{ key: position.courierId, value: JSON.stringify(position) }] })).catch((error: Error) => {
          if (++failed === 1) console.error(`${topic}: a send failed: ${error.message}`);
        });
      }
      console.log(`${topic}: ${count - failed} positions sent, ${failed} failed`);
    }
  } finally {
    await producer.disconnect();
  }
  console.log(`done: metrics on http://localhost:${metricsPortOf('PRODUCER')}/metrics until Ctrl+C`);
  await stopRequested();
  await stopServing();
}
