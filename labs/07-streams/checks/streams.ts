import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import {
  committedOffsets, consumeAll, createTopic, endOffsets, pollUntil, registryClient, startProgram, uniqueName, withProducer,
  type ConsumedRecord, type RunningProgram,
} from '@kafka-labs/tool/harness';
import { outputTopics, type OutputTopics } from '#lab/client';
import appProgram from '#lab/app.ts?program';
import type { Courier } from '#lab/generated/courier';
import { expect } from 'vitest';

/** One run of the trainee's stream application: an input topic, sink topics and an application id of its own. */
export interface StreamsRun {
  input: string;
  applicationId: string;
  prefix: string;
  topics: OutputTopics;
  /** Every input record, in the order produced. */
  produced: InputRecord[];
  schemaId: number;
}

export interface InputRecord {
  courier: Courier;
  timestamp: number;
}

export async function newStreamsRun(): Promise<StreamsRun> {
  const input = await createTopic(uniqueName('position-avro'), { numPartitions: 3, replicationFactor: 3 });
  const prefix = `${uniqueName('streams')}-`;
  const topics = outputTopics(prefix);
  // One partition per sink: the latest record of a key is the latest the application wrote.
  await Promise.all(Object.values(topics).map((t) => createTopic(t, { numPartitions: 1, replicationFactor: 3 })));
  const schema = fs.readFileSync(path.join(process.env.LAB_CODE_DIR!, '..', 'schemas', 'courier.avsc'), 'utf8');
  const { id } = await registryClient().register({ type: SchemaType.AVRO, schema }, { subject: `${input}-value` });
  return { input, applicationId: uniqueName('position-stream'), prefix, topics, produced: [], schemaId: id };
}

// Latitudes on both sides of the rounding and of the branch: 45.4 rounds to 45 (not above 45), 45.6 to 46.
const LATITUDES = [43.2, 44.6, 45.4, 45.6, 46.5, 47.1];
const LONGITUDES = [1.4, 2.6, 3.5];

/**
 * Sends `count` positions of 6 couriers, keyed by courier id, in Avro through the registry, with record
 * timestamps of their own: 137 ms apart from 60 s ago (several records per 1-second window, near now).
 */
export async function produceInput(run: StreamsRun, count: number): Promise<void> {
  const start = Date.now() - 60_000;
  const first = run.produced.length;
  const records = Array.from({ length: count }, (_, n) => {
    const i = first + n;
    const timestamp = start + i * 137;
    // Each courier moves at each of its records, and some share a position for a while.
    const round = Math.floor(i / 6);
    const courier: Courier = { id: `courier-${i % 6}`, position: { latitude: LATITUDES[(round + (i % 2)) % LATITUDES.length]!, longitude: LONGITUDES[(round + i) % LONGITUDES.length]! }, timestamp };
    return { courier, timestamp };
  });
  const messages = await Promise.all(records.map(async (r) => ({ key: r.courier.id, value: await registryClient().encode(run.schemaId, r.courier), timestamp: String(r.timestamp) })));
  await withProducer((producer) => producer.send({ topic: run.input, messages }));
  run.produced.push(...records);
}

/** The trainee's application (`src/app.ts`) on this run's topics, its interactive queries on `port`. */
export async function startApp(run: StreamsRun): Promise<{ app: RunningProgram; port: number }> {
  const port = await freePort();
  const app = startProgram(appProgram, [String(port)], { POSITION_TOPIC: run.input, STREAMS_TOPIC_PREFIX: run.prefix, STREAMS_APPLICATION_ID: run.applicationId });
  return { app, port };
}

/** Waits until the application has committed every input record (its transactions' offsets). */
export async function waitUntilProcessed(run: StreamsRun, app: RunningProgram, timeoutMs = 60_000): Promise<void> {
  const behind = async () => {
    if (app.ended) throw new Error(`the stream application exited; it printed:\n${app.tail(8)}`);
    const [committed, ends] = await Promise.all([committedOffsets(run.applicationId, run.input), endOffsets(run.input)]);
    return [...ends].reduce((sum, [p, end]) => sum + Math.max(0, end - (committed.get(p) ?? 0)), 0);
  };
  const left = await pollUntil(behind, (n) => n === 0, { timeoutMs, intervalMs: 300 });
  if (left > 0) throw new Error(`the stream application had not committed ${left} of the ${run.produced.length} input records after ${timeoutMs / 1000} s; it printed:\n${app.tail(8)}`);
}

/** A sink topic as a table: the latest value of each key (read_committed). */
export async function latestPerKey(topic: string): Promise<Record<string, string | null>> {
  const table: Record<string, string | null> = {};
  for (const r of await consumeAll(topic)) table[r.key ?? ''] = r.value;
  return table;
}

/** A sink topic's records as "key → value @ timestamp" lines, sorted: a stream compared as a multiset. */
export async function streamOf(topic: string): Promise<string[]> {
  return (await consumeAll(topic)).map(line).sort();
}

export function line(r: Pick<ConsumedRecord, 'key' | 'value'> & { timestamp?: string | number }): string {
  return `${r.key} → ${r.value} @ ${r.timestamp}`;
}

// What the application must compute, from the input the check produced.
export const round = (c: Courier): Courier => ({ ...c, position: { latitude: Math.round(c.position.latitude), longitude: Math.round(c.position.longitude) } });
export const positionOf = (c: Courier): string => `${Math.round(c.position.latitude)},${Math.round(c.position.longitude)}`;

export function expectedCounts(run: StreamsRun): Record<string, string> {
  const counts: Record<string, number> = {};
  for (const { courier } of run.produced) counts[positionOf(courier)] = (counts[positionOf(courier)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)]));
}

export function expectedWindowCounts(run: StreamsRun): Record<string, string> {
  const counts: Record<string, number> = {};
  for (const { courier, timestamp } of run.produced) {
    const key = `${timestamp - (timestamp % 1000)}|${positionOf(courier)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)]));
}

/** Where each courier is now (its last record), as the list of couriers per position. */
export function expectedCouriers(run: StreamsRun): Record<string, string[]> {
  const last = new Map<string, string>();
  for (const { courier } of run.produced) last.set(courier.id, positionOf(courier));
  const lists: Record<string, string[]> = {};
  for (const [id, position] of last) lists[position] = [...(lists[position] ?? []), id].sort();
  return lists;
}

/** Every position a list was written for, with the list it must hold now (empty when every courier left). */
export function couriersTable(run: StreamsRun, keys: string[]): Record<string, string> {
  const lists = expectedCouriers(run);
  return Object.fromEntries([...new Set([...keys, ...Object.keys(lists)])].map((k) => [k, JSON.stringify(lists[k] ?? [])]));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A sink topic's records against the expected ones, as multisets of "key → value @ timestamp" lines: what is
 * missing and what is unexpected, the first few of each (a stream of hundreds of records does not fit a diff).
 */
export async function expectStream(topic: string, expected: string[]): Promise<void> {
  const actual = await streamOf(topic);
  if (actual.length === 0) throw new Error(`nothing was written to ${topic} (${expected.length} records expected): the processor forwards nothing there yet`);
  const left = new Map<string, number>();
  for (const l of actual) left.set(l, (left.get(l) ?? 0) + 1);
  const missing: string[] = [];
  for (const l of expected) {
    if (left.get(l)) left.set(l, left.get(l)! - 1);
    else missing.push(l);
  }
  const unexpected = [...left].flatMap(([l, n]) => Array<string>(n).fill(l));
  expect({ records: actual.length, missing: missing.slice(0, 4), unexpected: unexpected.slice(0, 4) }, `the records of ${topic} (key → value @ record timestamp): ${missing.length} expected ones missing, ${unexpected.length} unexpected ones (the first few of each)`)
    .toEqual({ records: expected.length, missing: [], unexpected: [] });
}

/** A sink topic read as a table (latest value per key) against the expected table. */
export async function expectTable(topic: string, expected: (keys: string[]) => Record<string, string>, what: string): Promise<void> {
  const table = await latestPerKey(topic);
  if (Object.keys(table).length === 0) throw new Error(`nothing was written to ${topic}: the processor forwards nothing there yet`);
  expect(table, `${topic} as a table (${what})`).toEqual(expected(Object.keys(table)));
}
