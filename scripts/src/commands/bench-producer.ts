import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { Kafka, logLevel } from 'kafkajs';
import pc from 'picocolors';
import { UserError } from '../cli/errors.js';
import { loadLab, requireSolution } from '../course/load-lab.js';
import { repoRoot } from '../paths.js';
import { fetchJars, findJava } from '../services/local/java.js';
import { localKafkaCluster } from '../services/local/index.js';
import { samplePeakMemory } from '../services/local/usage.js';
import { startServices } from '../services/start.js';
import { newTopic } from './bench-topic.js';
import { KAFKA_VERSION } from '../versions.js';

// The starter declares the same API as the solution that runs (a trainee copy has no solutions/ to type-check against).
type Lab2 = typeof import('../../../labs/02-producer/src/producer.js');
type Lab2Model = typeof import('../../../labs/02-producer/src/model.js');

const solution = async (file: string) => pathToFileURL(path.join(requireSolution(await loadLab(2)), 'src', file)).href;

/**
 * `pnpm bench producer`: the lab 2 solution in each send mode, then Kafka's own kafka-producer-perf-test,
 * on the same cluster, with the same record count and size, back to back; prints each mode's ratio to it.
 */
export async function benchProducer({ records, backend }: { records: number; backend?: string }): Promise<number> {
  const threads = 100;
  if (!Number.isInteger(records) || records < threads || records % threads !== 0) throw new UserError(`--records must be a multiple of ${threads}`);
  const { endpoints, backend: used } = await startServices(['kafka'], backend);
  const brokers = endpoints.kafka!.bootstrapServers;
  const { runProducer } = (await import(await solution('producer.ts'))) as Lab2;
  const { SendMode, courier, nextPosition } = (await import(await solution('model.ts'))) as Lab2Model;
  const recordSize = JSON.stringify(nextPosition(courier(0), 0)).length;
  // kafkajs logs every retried connection of 5,000 sends in flight: the report counts failures instead.
  const kafka = new Kafka({ clientId: 'bench-producer', brokers, logLevel: logLevel.NOTHING });
  const admin = new Kafka({ clientId: 'bench-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const cluster = used.name === 'local' ? localKafkaCluster() : undefined;
  const memory = cluster ? samplePeakMemory(() => cluster.status().map((s) => s.pid ?? 0)) : undefined;

  console.log(pc.bold(`\nProducer benchmark: ${records} records of ${recordSize} bytes, 5 partitions × 3 replicas, acks=all (except fire-and-forget)\n`));
  const results: { name: string; perSecond: number; failed?: number }[] = [];
  const topics: string[] = [];
  const perfTopic = await newTopic(admin, 'bench-perf-test');
  topics.push(perfTopic);
  results.push({ name: 'kafka-producer-perf-test (Java, acks=all)', perSecond: await producerPerfTest(brokers, perfTopic, records, recordSize) });
  print(results.at(-1)!, results[0]!.perSecond);
  for (const mode of [SendMode.FireAndForget, SendMode.Synchronous, SendMode.Asynchronous]) {
    const topic = await newTopic(admin, `bench-${SendMode[mode]}`);
    topics.push(topic);
    const report = await runProducer({ kafka, topic, threads, messages: records / threads, mode });
    results.push({ name: `lab 2 solution, ${SendMode[mode]} (${threads} couriers)`, perSecond: (report.sent / report.elapsedMs) * 1000, failed: report.failed });
    print(results.at(-1)!, results[0]!.perSecond);
  }
  const peak = memory?.stop();
  await admin.deleteTopics({ topics: topics });
  await admin.disconnect();
  if (peak) console.log(`\npeak resident memory of the 3 brokers during the run: ${(peak / 2 ** 20).toFixed(0)} MiB`);
  return 0;
}

function print({ name, perSecond, failed }: { name: string; perSecond: number; failed?: number }, reference: number): void {
  const failures = failed ? pc.red(`   ${failed} failed`) : '';
  console.log(`  ${name.padEnd(52)} ${Math.round(perSecond).toString().padStart(8)} records/s   ${(perSecond / reference).toFixed(2)}× perf-test${failures}`);
}

/** Runs org.apache.kafka.tools.ProducerPerformance and returns the records/s of its summary line. */
async function producerPerfTest(brokers: string[], topic: string, records: number, recordSize: number): Promise<number> {
  const java = await findJava();
  const jars = await fetchJars('kafka', () => {}, { 'kafka.version': KAFKA_VERSION });
  const { stdout } = await execa(java, [
    '-Xmx256m', '-cp', path.join(jars, '*'), `-Dlog4j.configuration=file:${path.join(repoRoot, 'scripts', 'runtime', 'kafka', 'tools-log4j.properties')}`,
    'org.apache.kafka.tools.ProducerPerformance', '--topic', topic, '--num-records', String(records), '--record-size', String(recordSize),
    '--throughput', '-1', '--producer-props', `bootstrap.servers=${brokers.join(',')}`, 'acks=all',
  ]);
  const summary = /([\d.]+) records\/sec/.exec(stdout.trim().split('\n').at(-1) ?? '');
  if (!summary) throw new Error(`unexpected kafka-producer-perf-test output: ${stdout.slice(-300)}`);
  return Number(summary[1]);
}
