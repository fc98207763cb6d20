import path from 'node:path';
import { execa } from 'execa';
import { UserError } from '../cli/errors.js';
import { repoRoot } from '../paths.js';
import { fetchJars, findJava } from '../services/local/java.js';
import { selectBackend } from '../services/select.js';
import { startServices } from '../services/start.js';
import { KAFKA_VERSION } from '../versions.js';

/** The workbook's CLI tools (kafka-topics.sh, …) as the Java classes they wrap, from the same jars as the brokers. */
export const KAFKA_TOOLS: Record<string, string> = {
  topics: 'org.apache.kafka.tools.TopicCommand',
  'console-producer': 'kafka.tools.ConsoleProducer',
  'console-consumer': 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'consumer-groups': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'log-dirs': 'org.apache.kafka.tools.LogDirsCommand',
  configs: 'kafka.admin.ConfigCommand',
  acls: 'kafka.admin.AclCommand',
  'get-offsets': 'org.apache.kafka.tools.GetOffsetShell',
  'metadata-quorum': 'org.apache.kafka.tools.MetadataQuorumCommand',
  'producer-perf-test': 'org.apache.kafka.tools.ProducerPerformance',
  'consumer-perf-test': 'org.apache.kafka.tools.ConsumerPerformance',
};

/**
 * `pnpm kafka <tool> <args>`: runs a Kafka CLI tool against the lab cluster. Without --bootstrap-server
 * (or --broker-list) the tool gets the running cluster's address.
 */
export async function kafkaTool(tool: string, args: string[], options: { backend?: string } = {}): Promise<number> {
  const mainClass = KAFKA_TOOLS[tool];
  if (!mainClass) throw new UserError(`unknown Kafka tool "${tool}": use one of ${Object.keys(KAFKA_TOOLS).join(', ')}`);
  const java = await findJava();
  const jars = await fetchJars('kafka', (text) => console.error(text), { 'kafka.version': KAFKA_VERSION });
  const full = [...args];
  const named = ['--bootstrap-server', '--broker-list', '--bootstrap-controller'].some((flag) => args.some((a) => a === flag || a.startsWith(`${flag}=`)));
  const perfTest = tool.endsWith('perf-test');
  if (!named && !perfTest && !args.includes('--help') && !args.includes('--version')) {
    full.push('--bootstrap-server', (await runningBrokers(options.backend)).join(','));
  }
  const result = await execa(java, ['-Xmx256m', '-cp', path.join(jars, '*'), `-Dlog4j.configuration=file:${path.join(repoRoot, 'scripts', 'runtime', 'kafka', 'tools-log4j.properties')}`, mainClass, ...full], { stdio: 'inherit', reject: false });
  return result.exitCode ?? 1;
}

/**
 * The brokers that run now. A cluster with a broker stopped on purpose (`pnpm lab stop-broker 1`) stays as it
 * is, so the tools show its effect; only a cluster with no broker running is started.
 */
async function runningBrokers(backendName?: string): Promise<string[]> {
  const running = (await (await selectBackend(backendName)).status()).filter((s) => s.service.startsWith('kafka') && s.running && s.address.includes(':'));
  if (running.length > 0) return running.map((s) => s.address);
  const { endpoints } = await startServices(['kafka'], backendName, { quiet: true });
  return endpoints.kafka!.bootstrapServers;
}
