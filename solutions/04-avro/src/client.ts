import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';

/** A client of the lab cluster: `pnpm lab 4 run …` sets KAFKA_BOOTSTRAP_SERVERS to the running brokers. */
export function labKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: (process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092').split(','), logLevel: logLevel.WARN });
}

/** The lab's schema registry (Confluent's REST API): `pnpm lab 4 run …` sets SCHEMA_REGISTRY_URL. */
export function registryUrl(): string {
  return process.env.SCHEMA_REGISTRY_URL ?? 'http://localhost:8081';
}

export function labRegistry(): SchemaRegistry {
  return new SchemaRegistry({ host: registryUrl() });
}

/** The workbook's topic; the checks give each run a topic of its own. */
export function positionAvroTopic(): string {
  return process.env.POSITION_TOPIC ?? 'position-avro';
}
