import { createInterface } from 'node:readline';
import type { Producer } from 'kafkajs';
import { labKafka } from './client.js';

/**
 * `kafka-console-producer.sh --property parse.key=true --property key.separator=:`: each line `key:value`
 * becomes a record with that key and value (the value may contain ':' too). Returns how many were sent.
 */
export async function produceLines(producer: Producer, topic: string, lines: string[]): Promise<number> {
  const messages = lines.filter((line) => line.trim() !== '').map((line) => {
    const separator = line.lastIndexOf(':');
    if (separator < 0) throw new Error(`no key separator ':' in "${line}"`);
    return { key: line.slice(0, separator), value: line.slice(separator + 1) };
  });
  // One batch, acknowledged by all in-sync replicas; the key picks the partition (same key, same partition).
  await producer.send({ topic, messages });
  return messages.length;
}

/** `pnpm lab 1 run console-producer -- [topic]`, then type `key:value` lines (Ctrl+D to end). */
export async function main(args: string[]): Promise<void> {
  const topic = args[0] ?? 'testing';
  const producer = labKafka('lab1-console-producer').producer();
  await producer.connect();
  try {
    for await (const line of createInterface({ input: process.stdin })) {
      if (line.trim()) console.log(`sent ${await produceLines(producer, topic, [line])} record`);
    }
  } finally {
    await producer.disconnect();
  }
}
