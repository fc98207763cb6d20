import http from 'node:http';
import { Registry } from 'prom-client';

/** The metrics of this program, served on /metrics (a registry of its own: nothing else ends up there). */
export const registry = new Registry();

// TODO 1: the producer's metrics, with prom-client, registered in `registry` (registers: [registry]):
//   - kafka_producer_record_send_total{topic}: a Counter of the records the brokers acknowledged;
//   - kafka_producer_record_error_total{topic}: a Counter of the records whose send failed;
//   - kafka_producer_send_latency_seconds{topic}: a Histogram of the time from send() to the brokers' answer, in
//     seconds (Prometheus' base unit), for every send, acknowledged or failed.
// TODO 2: the consumer's kafka_consumer_records_lag{topic, partition}: a Gauge.

/** Sends with `send`, and counts the record as sent or failed once the brokers answered, with the time it took. */
export async function measureSend<T>(topic: string, send: () => Promise<T>): Promise<T> {
  // TODO 1: time the send, count it as sent or failed, and give its result (or its error) back to the caller.
  return send();
}

/**
 * After the record at `offset` of a partition is consumed (the partition's high watermark as the last fetch saw
 * it): how many records of the partition are still to be consumed.
 */
export function recordConsumed(topic: string, partition: number, offset: string, highWatermark: string): void {
  // TODO 2: set kafka_consumer_records_lag for this topic and partition.
}

/** Serves the registry on http://<this machine>:<port>/metrics; resolves with a function that stops serving. */
export async function serveMetrics(port: number): Promise<() => Promise<void>> {
  // TODO 1: an HTTP server (node:http) that answers GET /metrics with registry.metrics(), as registry.contentType.
  void http;
  void port;
  return async () => {};
}
