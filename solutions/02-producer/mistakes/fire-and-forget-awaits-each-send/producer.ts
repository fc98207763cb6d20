import type { Kafka, Producer } from 'kafkajs';
import { labKafka } from './client.js';
import { courier, nextPosition, SendMode, type Courier } from './model.js';
import { InFlightWindow } from './in-flight-window.js';
import { toJson } from './json-serializer.js';

export interface ProducerOptions {
  kafka: Kafka;
  topic: string;
  /** How many couriers send at the same time (the workbook's threads). */
  threads: number;
  /** How many positions each courier sends. */
  messages: number;
  mode: SendMode;
}

export interface ProducerReport {
  /** Records the brokers acknowledged (fire-and-forget: records handed to the client). */
  sent: number;
  /** Records the brokers rejected (only the asynchronous mode looks). */
  failed: number;
  elapsedMs: number;
}

export function createPositionProducer(kafka: Kafka): Producer {
  return kafka.producer({ allowAutoTopicCreation: true });
}

/** The record of one position: keyed by courier id, so one courier's positions stay on one partition, in order. */
function positionRecord(c: Courier, step: number) {
  return { key: c.id, value: toJson(nextPosition(c, step)) };
}

/** Fire-and-forget: send, never wait, never look at the answer (acks 0: the broker sends none). */
async function sendFireAndForget(producer: Producer, topic: string, c: Courier, messages: number): Promise<ProducerReport> {
  for (let step = 0; step < messages; step++) {
    await producer.send({ topic, acks: 0, messages: [positionRecord(c, step)] }).catch(() => undefined);
  }
  return { sent: messages, failed: 0, elapsedMs: 0 };
}

/** Synchronous: wait for the acknowledgement of each record (acks from all in-sync replicas) before the next. */
async function sendSynchronously(producer: Producer, topic: string, c: Courier, messages: number): Promise<ProducerReport> {
  for (let step = 0; step < messages; step++) {
    await producer.send({ topic, acks: -1, messages: [positionRecord(c, step)] });
  }
  return { sent: messages, failed: 0, elapsedMs: 0 };
}

/** Asynchronous: keep sending; a callback counts each acknowledgement or delivery error as it arrives. */
async function sendAsynchronously(producer: Producer, topic: string, c: Courier, messages: number): Promise<ProducerReport> {
  const report = { sent: 0, failed: 0, elapsedMs: 0 };
  const window = new InFlightWindow();
  for (let step = 0; step < messages; step++) {
    const send = producer.send({ topic, acks: -1, messages: [positionRecord(c, step)] });
    await window.add(send.then(
      () => { report.sent++; },
      (error: Error) => {
        report.failed++;
        if (report.failed === 1) console.error(`${c.id}: delivery failed: ${error.message}`);
      },
    ));
  }
  await window.drain();
  return report;
}

const senders = {
  [SendMode.FireAndForget]: sendFireAndForget,
  [SendMode.Synchronous]: sendSynchronously,
  [SendMode.Asynchronous]: sendAsynchronously,
};

/** `threads` couriers each send `messages` positions at the same time, in the given mode. */
export async function runProducer({ kafka, topic, threads, messages, mode }: ProducerOptions): Promise<ProducerReport> {
  const producer = createPositionProducer(kafka);
  await producer.connect();
  const started = performance.now();
  try {
    const couriers = Array.from({ length: threads }, (_, i) => courier(i));
    const reports = await Promise.all(couriers.map((c) => senders[mode](producer, topic, c, messages)));
    return {
      sent: reports.reduce((sum, r) => sum + r.sent, 0),
      failed: reports.reduce((sum, r) => sum + r.failed, 0),
      elapsedMs: performance.now() - started,
    };
  } finally {
    await producer.disconnect();
  }
}

/** `pnpm lab 2 run producer -- <nbThreads> <nbMessages> <sendMode>` */
export async function main(args: string[]): Promise<void> {
  const [threads, messages, mode] = args.map(Number);
  if (args.length !== 3 || [threads, messages, mode].some((n) => !Number.isInteger(n)) || !(mode! in SendMode)) {
    console.error('usage: producer <nbThreads> <nbMessages> <sendMode: 0 fire-and-forget, 1 synchronous, 2 asynchronous>');
    process.exitCode = 2;
    return;
  }
  const kafka = labKafka('position-producer');
  const topic = process.env.POSITION_TOPIC ?? 'position';
  const report = await runProducer({ kafka, topic, threads: threads!, messages: messages!, mode: mode as SendMode });
  const seconds = report.elapsedMs / 1000;
  console.log(`${SendMode[mode!]}: ${report.sent} records sent, ${report.failed} failed, to "${topic}" in ${seconds.toFixed(2)} s (${Math.round(report.sent / seconds)} records/s)`);
}
