import { secureKafka } from './client.js';

/**
 * `pnpm lab 9 run producer -- [count] [topic]`: alice sends `count` positions (default 10) to `topic` (default
 * position) on the secured cluster, then says how long it took (throttling shows there).
 */
export async function main(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 10);
  const topic = args[1] ?? 'position';
  const producer = secureKafka('position-producer').producer();
  await producer.connect();
  try {
    const start = Date.now();
    for (let i = 0; i < count; i++) {
      const position = { courierId: `courier-${i % 5}`, latitude: 45 + Math.random(), longitude: 4 + Math.random(), timestamp: Date.now() };
      await producer.send({ topic, messages: [{ key: position.courierId, value: JSON.stringify(position) }] });
    }
    console.log(`alice sent ${count} positions to ${topic} in ${Date.now() - start} ms`);
  } finally {
    await producer.disconnect();
  }
}
