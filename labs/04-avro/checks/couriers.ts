import fs from 'node:fs';
import path from 'node:path';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { expect } from 'vitest';
import { createTopic, kafka, registryClient, uniqueName, withProducer, type ConsumedRecord } from '@kafka-labs/tool/harness';
import type { Courier } from '#lab/generated/courier';
import { readCouriers } from '#lab/consumer';
import { produceCouriers } from '#lab/producer';

/** A topic of its own for one check (3 partitions); its values' subject is `<topic>-value`. */
export async function newAvroTopic(): Promise<{ topic: string; subject: string }> {
  const topic = await createTopic(uniqueName('position-avro'), { numPartitions: 3, replicationFactor: 3 });
  return { topic, subject: `${topic}-value` };
}

/**
 * A schema file of the code under test (`schemas/<name>`), as text. A file the trainee has not written yet
 * fails the check with what to write.
 */
export function schemaText(name: string, whatToWrite = ''): string {
  const file = path.join(process.env.LAB_CODE_DIR!, '..', 'schemas', name);
  if (!fs.existsSync(file)) throw new Error(`there is no schemas/${name} yet${whatToWrite ? `: ${whatToWrite}` : ''}`);
  return fs.readFileSync(file, 'utf8');
}

export function schemaPath(name: string): string {
  return path.join(process.env.LAB_CODE_DIR!, '..', 'schemas', name);
}

/** The fields of a record schema, by name, as written in the .avsc. */
export function fieldsOf(schema: string): Map<string, { type: unknown; default?: unknown }> {
  const parsed = JSON.parse(schema) as { fields: { name: string; type: unknown; default?: unknown }[] };
  return new Map(parsed.fields.map((f) => [f.name, f]));
}

/** `count` couriers with distinct positions, the timestamps near now. */
export function couriers(count: number, first = 0): Courier[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `courier-${(first + i) % 7}`,
    position: { latitude: 45 + (first + i) / 1000, longitude: 3 - (first + i) / 1000 },
    timestamp: 1_700_000_000_000 + first + i,
  }));
}

/** Registers a schema under the subject with the checks' own client (a reference, not the trainee's code). */
export async function registerAsReference(subject: string, schema: string): Promise<number> {
  return (await registryClient().register({ type: SchemaType.AVRO, schema }, { subject })).id;
}

/** Sends couriers with the trainee's produceCouriers and the checks' producer and registry client. */
export async function produceWithLabCode(topic: string, schemaId: number, values: Courier[]): Promise<void> {
  await withProducer((producer) => produceCouriers(producer, registryClient(), schemaId, topic, values));
}

/**
 * Every record in Confluent's wire format: magic byte 0, then the schema id (4 bytes, big-endian), then the
 * Avro binary. Returns each record's schema id.
 */
export function expectWireFormat(records: ConsumedRecord[]): number[] {
  return records.map((r) => {
    const value = r.rawValue;
    expect(value, `the value of record ${r.partition}:${r.offset}`).not.toBeNull();
    expect(value![0], `the first byte (magic byte) of record ${r.partition}:${r.offset}: 0 in Confluent's wire format (a JSON value starts with 123, "{")`).toBe(0);
    return value!.readInt32BE(1);
  });
}

/** Sends couriers encoded by the checks' own registry client (a reference, not the trainee's code). */
export async function produceAsReference(topic: string, schemaId: number, values: object[]): Promise<void> {
  const messages = await Promise.all(values.map(async (v) => ({ key: (v as Courier).id, value: await registryClient().encode(schemaId, v) })));
  await withProducer((producer) => producer.send({ topic, messages }));
}

/** The trainee's readCouriers, in a group of its own; it must have read `count` records within 20 s. */
export async function readWithLabCode(topic: string, count: number): Promise<Record<string, unknown>[]> {
  const read = readCouriers(kafka('lab-check-consumer'), registryClient(), { topic, groupId: uniqueName('position-avro-consumer'), count });
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000).unref());
  const result = await Promise.race([read, timeout]);
  if (result === 'timeout') throw new Error(`readCouriers had not returned ${count} records after 20 s, with ${count} in the topic: does it read from the beginning (fromBeginning: true), and resolve once count records are read?`);
  return [...result];
}

export const byTimestamp = (a: Record<string, unknown>, b: Record<string, unknown>) => Number(a.timestamp) - Number(b.timestamp);
