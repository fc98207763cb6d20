import { Client } from '@elastic/elasticsearch';
import { Kafka, logLevel } from 'kafkajs';

/** A client of the lab cluster: `pnpm lab 5 run …` sets KAFKA_BOOTSTRAP_SERVERS to the running brokers. */
export function labKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: (process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092').split(','), logLevel: logLevel.NOTHING });
}

/** Elasticsearch, as `pnpm lab 5 run …` gives it (ELASTICSEARCH_URL). */
export function labElasticsearch(): Client {
  return new Client({ node: process.env.ELASTICSEARCH_URL ?? 'http://localhost:9200' });
}

/** Kafka Connect's REST API, as `pnpm lab 5 run …` gives it (KAFKA_CONNECT_URL). */
export function labConnectUrl(): string {
  return process.env.KAFKA_CONNECT_URL ?? 'http://localhost:8083';
}
