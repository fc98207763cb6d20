import type { Kafka } from 'kafkajs';
import { labKafka } from './client.js';

export interface ConsumeOptions {
  topic: string;
  groupId: string;
  /** Stop after this many records (`--max-messages`). */
  maxMessages: number;
}

/**
 * `kafka-console-consumer.sh --from-beginning --group <groupId> --max-messages <n>`: reads the topic from its
 * first offset, returns the records as `key:value` lines, and leaves the group's offsets committed.
 */
export async function consumeFromBeginning(kafka: Kafka, { topic, groupId, maxMessages }: ConsumeOptions): Promise<string[]> {
  // TODO: join the group, read the topic from its earliest offset until maxMessages records are read,
  // return them as `key:value` lines, and leave the group with its offsets committed.
  throw new Error('TODO: consumeFromBeginning');
}

/** `pnpm lab 1 run console-consumer -- [topic] [maxMessages]` */
export async function main(args: string[]): Promise<void> {
  const [topic = 'testing', max = '10'] = args;
  const lines = await consumeFromBeginning(labKafka('lab1-console-consumer'), { topic, groupId: 'lab1-console-consumer', maxMessages: Number(max) });
  for (const line of lines) console.log(line);
}
