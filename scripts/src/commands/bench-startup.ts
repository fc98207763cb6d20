import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import { portBase } from '../services/local/index.js';
import { LocalKafkaCluster } from '../services/local/kafka-cluster.js';
import { residentBytes } from '../services/local/memory.js';

/**
 * `pnpm bench startup`: cold start (fresh storage, jars already fetched) of the local 3-broker cluster
 * against one broker started alone, on ports of their own; then a warm restart of the 3 brokers.
 */
export async function benchStartup(): Promise<number> {
  console.log(pc.bold('\nLocal cluster start-up (until every broker answers a metadata request)\n'));
  const colds: number[] = [];
  for (const size of [1, 3]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kafka-labs-bench-${size}-`));
    const cluster = new LocalKafkaCluster({ dir, size, portBase: portBase() + 600 });
    try {
      const cold = await timed(() => cluster.start(() => {}));
      colds.push(cold);
      const memory = cluster.nodes.reduce((sum, n) => sum + residentBytes(cluster.pidOf(n) ?? 0), 0);
      await cluster.stop();
      const warm = await timed(() => cluster.start(() => {}));
      console.log(`  ${`${size} broker${size > 1 ? 's' : ' '}`.padEnd(10)} cold ${cold.toFixed(1).padStart(5)} s   warm restart ${warm.toFixed(1).padStart(5)} s   resident memory after start ${(memory / 2 ** 20).toFixed(0)} MiB`);
    } finally {
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\n  3 brokers cold / 1 broker cold: ${(colds[1]! / colds[0]!).toFixed(2)}× (goal ≤ 1.5×; the first run of a fresh checkout also prepares the class data sharing archive)`);
  return 0;
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}
