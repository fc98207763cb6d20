import path from 'node:path';
import { execa } from 'execa';
import { UserError } from '../cli/errors.js';
import { repoRoot } from '../paths.js';
import { fetchJars, findJava } from '../services/local/java.js';
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
    const { endpoints } = await startServices(['kafka'], options.backend);
    full.push('--bootstrap-server', endpoints.kafka!.bootstrapServers.join(','));
  }
  const result = await execa(java, ['-Xmx256m', '-cp', path.join(jars, '*'), `-Dlog4j.configuration=file:${path.join(repoRoot, 'scripts', 'runtime', 'kafka', 'tools-log4j.properties')}`, mainClass, ...full], { stdio: 'inherit', reject: false });
  return result.exitCode ?? 1;
}
