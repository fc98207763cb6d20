import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import { labKafka, labRegistry, positionAvroTopic } from './client.js';

/**
 * A record read without any generated type, like the workbook's GenericRecord: its fields are whatever the
 * writer's schema held (the registry gives it from the schema id in the record).
 */
export type GenericRecord = Record<string, unknown>;

export interface ReadOptions {
  topic: string;
  groupId: string;
  /** Stop after this many records. */
  count: number;
}

/**
 * Reads `count` records of the topic from its beginning and decodes each value with the schema its id names
 * in the registry: records of every schema version are read, each with the fields it was written with.
 */
export async function readCouriers(kafka: Kafka, registry: SchemaRegistry, { topic, groupId, count }: ReadOptions): Promise<GenericRecord[]> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  const records: GenericRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.run({
        eachMessage: async ({ message }) => {
          if (records.length >= count || !message.value) return;
          records.push((await registry.decode(message.value)) as GenericRecord);
          if (records.length === count) resolve();
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/** `pnpm lab 4 run consumer -- [count]`: prints the first `count` couriers of position-avro, as read. */
export async function main(args: string[]): Promise<void> {
  const records = await readCouriers(labKafka('position-avro-consumer'), labRegistry(), { topic: positionAvroTopic(), groupId: 'position-avro-consumer', count: Number(args[0] ?? 10) });
  for (const record of records) console.log(JSON.stringify(record));
}
