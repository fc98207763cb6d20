import fs from 'node:fs';
import path from 'node:path';
import { SchemaType, type SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Producer } from 'kafkajs';
import { labKafka, labRegistry, positionAvroTopic } from './client.js';
import type { Courier } from './generated/courier.js';

/** The subject of a topic's values (Confluent's TopicNameStrategy): `<topic>-value`. */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}

/**
 * Registers the Avro schema of `schemaFile` under the topic's value subject and returns its id (the same id
 * when that schema is registered already). When the registry refuses it (409: incompatible with the versions
 * registered, under the subject's compatibility level), throws one clear line that says so.
 */
export async function registerCourierSchema(registry: SchemaRegistry, schemaFile: string, topic: string): Promise<number> {
  const subject = valueSubject(topic);
  try {
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: fs.readFileSync(schemaFile, 'utf8') }, { subject });
    return id;
  } catch (error) {
    if ((error as { status?: number }).status === 409) {
      throw new Error(`the registry refused ${path.basename(schemaFile)} for ${subject}: incompatible with its registered versions (HTTP 409); nothing was sent`);
    }
    throw error;
  }
}

/**
 * Sends each courier to the topic, keyed by its id, its value in Confluent's wire format: a magic byte 0, the
 * schema id on 4 bytes, then the Avro binary (what the registry's encode() writes).
 */
export async function produceCouriers(producer: Producer, registry: SchemaRegistry, schemaId: number, topic: string, couriers: Courier[]): Promise<void> {
  const messages = await Promise.all(couriers.map(async (courier) => ({ key: courier.id, value: await registry.encode(schemaId, courier) })));
  await producer.send({ topic, messages });
}

/** Courier `i` somewhere around Paris, now. */
export function courierAt(i: number): Courier {
  return { id: `courier-${i % 20}`, position: { latitude: 48.8566 + Math.sin(i / 50) / 100, longitude: 2.3522 + Math.cos(i / 50) / 100 }, timestamp: Date.now() };
}

/**
 * `pnpm lab 4 run producer -- [count] [schema file]`: registers the schema (default schemas/courier.avsc, a
 * path relative to the lab's folder), then sends `count` couriers.
 */
export async function main(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 10);
  const schemaFile = path.resolve(import.meta.dirname, '..', args[1] ?? 'schemas/courier.avsc');
  const topic = positionAvroTopic();
  const registry = labRegistry();
  const id = await registerCourierSchema(registry, schemaFile, topic);
  const producer = labKafka('position-avro-producer').producer();
  await producer.connect();
  try {
    await produceCouriers(producer, registry, id, topic, Array.from({ length: count }, (_, i) => courierAt(i)));
  } finally {
    await producer.disconnect();
  }
  console.log(`${count} couriers sent to ${topic} with schema id ${id} (${path.basename(schemaFile)})`);
}
