import { Kafka } from 'kafkajs';

/** A client of the lab cluster: `pnpm lab 2 run …` sets KAFKA_BOOTSTRAP_SERVERS to the running brokers. */
export function labKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: (process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092').split(',') });
}
