import { Kafka, logLevel } from 'kafkajs';

/** A client of the lab cluster: `pnpm lab 6 run …` sets KAFKA_BOOTSTRAP_SERVERS to the running brokers. */
export function labKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: (process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092').split(','), logLevel: logLevel.WARN });
}

/** Topic, group and transactional id of the programs; the checks give each run its own through the environment. */
export const positionTopic = () => process.env.POSITION_TOPIC ?? 'position';
export const distanceTopic = () => process.env.DISTANCE_TOPIC ?? 'courier-distance';
export const transferGroup = () => process.env.TRANSFER_GROUP ?? 'distance-transfer';
export const transactionalId = (base: string) => process.env.TRANSACTIONAL_ID ?? base;
