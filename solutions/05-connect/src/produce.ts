import { labKafka } from './client.js';

/**
 * `pnpm lab 5 run produce -- [count] [topic]`: writes `count` positions (default 10) to `topic` (default
 * position), as workshop 2's producer does: JSON values keyed by courier id. `produce -- poison` writes one
 * record that is not JSON instead (for the dead letter queue).
 */
export async function main(args: string[]): Promise<void> {
  const poison = args[0] === 'poison';
  const count = poison ? 1 : Number(args[0] ?? 10);
  const topic = args[1] ?? 'position';
  const producer = labKafka('position-producer').producer({ allowAutoTopicCreation: true });
  await producer.connect();
  try {
    const messages = poison
      ? [{ key: 'courier-poison', value: 'this is not JSON {' }]
      : Array.from({ length: count }, (_, step) => {
          const position = { courierId: `courier-${step % 5}`, latitude: 48.8566 + step / 1e4, longitude: 2.3522, timestamp: Date.now() };
          return { key: position.courierId, value: JSON.stringify(position) };
        });
    await producer.send({ topic, acks: -1, messages });
    console.log(`${topic}: ${messages.length} ${poison ? 'record that is not JSON' : 'positions'} written`);
  } finally {
    await producer.disconnect();
  }
}
