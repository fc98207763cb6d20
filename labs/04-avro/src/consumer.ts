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
  // TODO: join the group, read the topic from its beginning, decode each value with the registry (no generated
  // type: the schema id in the record says how), stop after `count` records and leave the group.
  throw new Error('TODO: readCouriers');
}

/** `pnpm lab 4 run consumer -- [count]`: prints the first `count` couriers of position-avro, as read. */
export async function main(args: string[]): Promise<void> {
  const records = await readCouriers(labKafka('position-avro-consumer'), labRegistry(), { topic: positionAvroTopic(), groupId: 'position-avro-consumer', count: Number(args[0] ?? 10) });
  for (const record of records) console.log(JSON.stringify(record));
}
