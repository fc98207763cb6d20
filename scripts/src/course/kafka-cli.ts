import path from 'node:path';
import { execa } from 'execa';
import { UserError } from '../cli/errors.js';
import { repoRoot } from '../paths.js';
import { fetchJars, findJava } from '../services/local/java.js';
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

/** The Java class of a Kafka CLI tool; an unknown name is the user's mistake. */
export function requireKafkaTool(tool: string): string {
  const mainClass = KAFKA_TOOLS[tool];
  if (!mainClass) throw new UserError(`unknown Kafka tool "${tool}": use one of ${Object.keys(KAFKA_TOOLS).join(', ')}`);
  return mainClass;
}

/** The java command line of a Kafka CLI tool (the jars are fetched once). */
export async function kafkaToolCommand(tool: string, report: (text: string) => void = () => {}): Promise<[string, string[]]> {
  const mainClass = requireKafkaTool(tool);
  const java = await findJava();
  const jars = await fetchJars('kafka', report, { 'kafka.version': KAFKA_VERSION });
  return [java, ['-Xmx256m', '-cp', path.join(jars, '*'), `-Dlog4j.configuration=file:${path.join(repoRoot, 'scripts', 'runtime', 'kafka', 'tools-log4j.properties')}`, mainClass]];
}

/**
 * Runs a Kafka CLI tool as the workbook runs `kafka-configs.sh …`, from the lab's folder (so `--command-config
 * config/client-admin.properties` and the paths inside it are the lab's), and resolves with what it printed.
 * A tool that fails, or still runs after `timeoutMs` (a client that cannot connect retries for a minute), rejects
 * with its last lines.
 */
export async function kafkaCli(tool: string, args: string[], { timeoutMs = 30_000 } = {}): Promise<string> {
  const cwd = process.env.LAB_CODE_DIR ? path.dirname(process.env.LAB_CODE_DIR) : process.cwd();
  // With Docker, a tool runs inside the stack: no Java on the trainee's machine.
  const inStack = process.env.LAB_BACKEND === 'docker' ? await import('../services/docker/tools.js').then((tools) => tools.kafkaCliInStack(tool, args, cwd)) : undefined;
  const [command, commandArgs]: [string, string[]] = inStack ?? (await kafkaToolCommand(tool).then(([java, javaArgs]) => [java, [...javaArgs, ...args]]));
  const result = await execa(command, commandArgs, { cwd, all: true, reject: false, timeout: timeoutMs });
  const output = result.all ?? '';
  if (result.timedOut) throw new Error(`kafka-${tool} ${args.join(' ')} still ran after ${timeoutMs / 1000} s (a client that cannot connect or log in retries): ${lastLines(output) || 'it printed nothing'}`);
  if (result.exitCode !== 0) throw new Error(`kafka-${tool} ${args.join(' ')} failed: ${lastLines(output)}`);
  return output;
}

function lastLines(output: string): string {
  return output.trim().split('\n').filter((l) => l.trim()).slice(-3).join(' | ');
}
