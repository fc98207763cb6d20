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
  const consumer = kafka.consumer({ groupId });
  const lines: string[] = [];
  await consumer.connect();
  try {
    // fromBeginning: a group with no committed offset starts at the earliest offset, not at the end.
    await consumer.subscribe({ topic });
    await new Promise<void>((resolve, reject) => {
      consumer.run({
        eachMessage: async ({ message }) => {
          lines.push(`${message.key?.toString() ?? ''}:${message.value?.toString() ?? ''}`);
          if (lines.length >= maxMessages) resolve();
        },
      }).catch(reject);
    });
  } finally {
    // disconnect() commits the offsets of the records processed, then leaves the group.
    await consumer.disconnect();
  }
  return lines;
}

/** `pnpm lab 1 run console-consumer -- [topic] [maxMessages]` */
export async function main(args: string[]): Promise<void> {
  const [topic = 'testing', max = '10'] = args;
  const lines = await consumeFromBeginning(labKafka('lab1-console-consumer'), { topic, groupId: 'lab1-console-consumer', maxMessages: Number(max) });
  for (const line of lines) console.log(line);
}
