import http from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The metrics of this program, served on /metrics (a registry of its own: nothing else ends up there). */
export const registry = new Registry();

const recordsSent = new Counter({
  name: 'kafka_producer_record_send_total',
  help: 'Records the brokers acknowledged, by topic.',
  labelNames: ['topic'],
  registers: [registry],
});

const recordErrors = new Counter({
  name: 'kafka_producer_record_error_total',
  help: 'Records whose send failed, by topic.',
  labelNames: ['topic'],
  registers: [registry],
});

const sendLatency = new Histogram({
  name: 'kafka_producer_send_latency_seconds',
  help: 'Time from send() to the brokers\' answer (acknowledged or failed), by topic.',
  labelNames: ['topic'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

const recordsLag = new Gauge({
  name: 'kafka_consumer_records_lag',
  help: 'Records of the partition not consumed yet, after the last one consumed.',
  labelNames: ['topic', 'partition'],
  registers: [registry],
});

/** Sends with `send`, and counts the record as sent or failed once the brokers answered, with the time it took. */
export async function measureSend<T>(topic: string, send: () => Promise<T>): Promise<T> {
  const stopTimer = sendLatency.startTimer({ topic });
  try {
    const result = await send();
    recordsSent.inc({ topic });
    return result;
  } catch (error) {
    recordErrors.inc({ topic });
    throw error;
  } finally {
    stopTimer();
  }
}

/**
 * After the record at `offset` of a partition is consumed: the partition's high watermark is the offset the
 * next record written will get, so highWatermark - offset - 1 records are still to be consumed.
 */
export function recordConsumed(topic: string, partition: number, offset: string, highWatermark: string): void {
  recordsLag.set({ topic, partition: String(partition) }, Number(BigInt(highWatermark) - BigInt(offset) - 1n));
}

/** Serves the registry on http://<this machine>:<port>/metrics; resolves with a function that stops serving. */
export async function serveMetrics(port: number): Promise<() => Promise<void>> {
  const server = http.createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, resolve));
  return () => new Promise((resolve) => server.close(() => resolve()));
}
