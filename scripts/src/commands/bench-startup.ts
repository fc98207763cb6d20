import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import { solutionsDir } from '../paths.js';
import { LocalFlinkSqlGateway } from '../services/local/flink-sql-gateway.js';
import { brokerMetrics, portBase } from '../services/local/index.js';
import { LocalKafkaCluster } from '../services/local/kafka-cluster.js';
import { LocalSchemaRegistry } from '../services/local/schema-registry.js';
import { LocalSecureCluster } from '../services/local/secure-cluster.js';
import { cpuSeconds, residentBytes } from '../services/local/usage.js';

interface ColdStart {
  seconds: number;
  /** CPU time the brokers' JVMs used to start (the storage formatting before them is not counted). */
  cpuSeconds: number;
}

/**
 * `pnpm bench startup`: cold start (fresh storage, jars and class archive ready) of the local 3-broker cluster
 * against one broker started alone, on ports of their own; then a warm restart. Also reports the CPU time the
 * brokers used: on a machine with few cores, that is what bounds the 3 brokers' start.
 */
export async function benchStartup(): Promise<number> {
  console.log(pc.bold('\nLocal cluster start-up (until every broker answers a metadata request)\n'));
  await withCluster(1, 600, (cluster) => cluster.start(() => {})); // first run only: fetches the jars, trains the class archive
  const colds: ColdStart[] = [];
  for (const size of [1, 3]) {
    await withCluster(size, 600, async (cluster) => {
      const seconds = await timed(() => cluster.start(() => {}));
      const pids = cluster.nodes.map((n) => cluster.pidOf(n) ?? 0);
      const cold = { seconds, cpuSeconds: pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) };
      colds.push(cold);
      const memory = pids.reduce((sum, pid) => sum + residentBytes(pid), 0);
      await cluster.stop();
      const warm = await timed(() => cluster.start(() => {}));
      console.log(`  ${`${size} broker${size > 1 ? 's' : ' '}`.padEnd(10)} cold ${seconds.toFixed(1).padStart(4)} s (the brokers used ${cold.cpuSeconds.toFixed(1)} s of CPU)   warm restart ${warm.toFixed(1).padStart(4)} s   resident memory after start ${(memory / 2 ** 20).toFixed(0)} MiB`);
    });
  }
  const [one, three] = colds as [ColdStart, ColdStart];
  const cores = os.availableParallelism();
  console.log(`\n  3 brokers cold / 1 broker cold: ${(three.seconds / one.seconds).toFixed(2)}× (goal ≤ 1.5×)`);
  console.log(`  on ${cores} cores the 3 brokers' ${three.cpuSeconds.toFixed(1)} s of CPU take at least ${(three.cpuSeconds / cores).toFixed(1)} s, ${(three.cpuSeconds / cores / one.seconds).toFixed(2)}× the 1-broker start`);
  await benchRegistry();
  await benchSqlGateway();
  await benchSecureCluster();
  return 0;
}

/** Workshop 8's local SQL engine (Flink's SQL gateway): start until it answers, and its memory while idle. */
async function benchSqlGateway(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-labs-bench-flink-'));
  const gateway = new LocalFlinkSqlGateway({ dir, port: portBase() + 660 });
  try {
    await gateway.start(() => {}); // first run only: fetches Flink's jars
    await gateway.stop();
    const seconds = await timed(() => gateway.start(() => {}));
    console.log(`  Flink SQL gateway                    start ${seconds.toFixed(1)} s   resident memory (idle) ${(residentBytes(gateway.pid() ?? 0) / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await gateway.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Workshop 9's secured cluster, from the solution's config/ (SASL_SSL, inter-broker SASL, ACLs): cold and warm. */
async function benchSecureCluster(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-labs-bench-secure-'));
  const labDir = path.join(dir, 'lab');
  fs.cpSync(path.join(solutionsDir, '09-security', 'config'), path.join(labDir, 'config'), { recursive: true });
  const cluster = new LocalSecureCluster({ dir: path.join(dir, 'cluster'), portBase: portBase() + 720 });
  try {
    const cold = await timed(() => cluster.start(labDir, () => {}).then(() => {}));
    const memory = cluster.status().reduce((sum, s) => sum + residentBytes(s.pid ?? 0), 0);
    await cluster.stop();
    const warm = await timed(() => cluster.start(labDir, () => {}).then(() => {}));
    console.log(`  secured cluster (3 nodes, SASL_SSL)  cold ${cold.toFixed(1)} s (certificates, storage)   warm restart ${warm.toFixed(1)} s   resident memory ${(memory / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The local schema registry (Apicurio and our proxy): start until it answers, and its memory. */
async function benchRegistry(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-labs-bench-registry-'));
  const registry = new LocalSchemaRegistry({ dir, port: portBase() + 650, apicurioPort: portBase() + 651 });
  try {
    await registry.start(() => {}); // first run only: fetches Apicurio
    await registry.stop();
    const seconds = await timed(() => registry.start(() => {}));
    const { apicurio = 0, proxy = 0 } = registry.pids();
    console.log(`\n  schema registry (Apicurio + proxy)    start ${seconds.toFixed(1)} s   resident memory ${(residentBytes(apicurio) / 2 ** 20).toFixed(0)} + ${(residentBytes(proxy) / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await registry.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function withCluster(size: number, portOffset: number, work: (cluster: LocalKafkaCluster) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kafka-labs-bench-${size}-`));
  // As the labs run it: with every broker's JMX exporter.
  const cluster = new LocalKafkaCluster({ dir, size, portBase: portBase() + portOffset, metrics: brokerMetrics(portBase() + portOffset) });
  try {
    await work(cluster);
  } finally {
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}
