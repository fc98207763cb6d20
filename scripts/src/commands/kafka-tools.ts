import { execa } from 'execa';
import { kafkaToolCommand } from '../course/kafka-cli.js';
import { selectBackend } from '../services/select.js';
import { startServices } from '../services/start.js';

/**
 * `pnpm kafka <tool> <args>`: runs a Kafka CLI tool against the lab cluster. Without --bootstrap-server
 * (or --broker-list) the tool gets the running cluster's address.
 */
export async function kafkaTool(tool: string, args: string[], options: { backend?: string } = {}): Promise<number> {
  const [java, javaArgs] = await kafkaToolCommand(tool, (text) => console.error(text));
  const full = [...args];
  const named = ['--bootstrap-server', '--broker-list', '--bootstrap-controller'].some((flag) => args.some((a) => a === flag || a.startsWith(`${flag}=`)));
  const perfTest = tool.endsWith('perf-test');
  if (!named && !perfTest && !args.includes('--help') && !args.includes('--version')) {
    full.push('--bootstrap-server', (await runningBrokers(options.backend)).join(','));
  }
  const result = await execa(java, [...javaArgs, ...full], { stdio: 'inherit', reject: false });
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
