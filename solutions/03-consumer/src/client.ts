import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

/** A client of the lab cluster: `pnpm lab 3 run …` sets KAFKA_BOOTSTRAP_SERVERS to the running brokers. */
export function labKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: (process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092').split(','), logLevel: logLevel.WARN });
}

/** The lab's database (`consumer`): `pnpm lab 3 run …` sets POSTGRES_URL. */
export function labDatabase(): pg.Pool {
  return new pg.Pool({ connectionString: process.env.POSTGRES_URL ?? 'postgres://postgres:postgres@localhost:15432/consumer', max: 10 });
}

/** The topic and group the program uses; the checks give each run its own through the environment. */
export const positionTopic = () => process.env.POSITION_TOPIC ?? 'position';
export const consumerGroup = () => process.env.CONSUMER_GROUP ?? 'position-consumer';
