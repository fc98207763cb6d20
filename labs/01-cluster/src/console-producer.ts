import { createInterface } from 'node:readline';
import type { Producer } from 'kafkajs';
import { labKafka } from './client.js';

/**
 * `kafka-console-producer.sh --property parse.key=true --property key.separator=:`: each line `key:value`
 * becomes a record with that key and value (the value may contain ':' too). Returns how many were sent.
 */
export async function produceLines(producer: Producer, topic: string, lines: string[]): Promise<number> {
  // TODO: turn each `key:value` line into a record (split at the first ':') and send them to the topic.
  throw new Error('TODO: produceLines');
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
