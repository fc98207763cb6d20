import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';

/** A client of the lab cluster: `pnpm lab 7 run …` sets KAFKA_BOOTSTRAP_SERVERS to the running brokers. */
export function labKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: (process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092').split(','), logLevel: logLevel.WARN });
}

/** The lab's schema registry: `pnpm lab 7 run …` sets SCHEMA_REGISTRY_URL. */
export function labRegistry(): SchemaRegistry {
  return new SchemaRegistry({ host: process.env.SCHEMA_REGISTRY_URL ?? 'http://localhost:8081' });
}

/** Kafka Streams' application.id: the group, the transactional id and the prefix of the changelog topics. */
export function applicationId(): string {
  return process.env.STREAMS_APPLICATION_ID ?? 'position-stream';
}

/** The source topic: workshop 4's Avro positions. */
export function inputTopic(): string {
  return process.env.POSITION_TOPIC ?? 'position-avro';
}

/** The sink topics (the checks give each run a prefix of its own). */
export function outputTopics(prefix = process.env.STREAMS_TOPIC_PREFIX ?? '') {
  return {
    /** courier id → the courier, its position rounded (JSON). */
    rounded: `${prefix}position-rounded`,
    /** "latitude,longitude" (rounded) → courier id. */
    byPosition: `${prefix}courier-by-position`,
    /** The records of byPosition whose rounded latitude is above 45, and the others. */
    north: `${prefix}position-north`,
    south: `${prefix}position-south`,
    /** "latitude,longitude" → how many records were at that position (a table: the latest value is the count). */
    count: `${prefix}position-count`,
    /** "windowStart|latitude,longitude" → how many records were at that position in that 1-second window. */
    windowedCount: `${prefix}position-count-1s`,
    /** "latitude,longitude" → the couriers there now (a JSON array of ids, sorted). */
    couriers: `${prefix}position-couriers`,
  };
}

export type OutputTopics = ReturnType<typeof outputTopics>;
