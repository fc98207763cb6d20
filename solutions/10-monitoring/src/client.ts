import { Kafka, logLevel } from 'kafkajs';

/** A client of the lab cluster: `pnpm lab 10 run …` sets KAFKA_BOOTSTRAP_SERVERS to the running brokers. */
export function labKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: (process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092').split(','), logLevel: logLevel.NOTHING });
}

/** Where this program serves /metrics for Prometheus: `pnpm lab 10 run …` sets the port its target has. */
export function metricsPortOf(program: 'PRODUCER' | 'CONSUMER'): number {
  return Number(process.env[`${program}_METRICS_PORT`] ?? (program === 'PRODUCER' ? 19473 : 19474));
}

/** Resolves on Ctrl+C (or SIGTERM): the programs serve their metrics until then, so Prometheus can scrape them. */
export function stopRequested(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
