import { execa } from 'execa';
import { kafkaToolCommand, requireKafkaTool } from '../course/kafka-cli.js';
import type { Backend } from '../services/backend.js';
import { kafkaToolInStack } from '../services/docker/tools.js';
import { selectBackend } from '../services/select.js';
import { startServices } from '../services/start.js';

/**
 * `pnpm kafka <tool> <args>`: runs a Kafka CLI tool against the lab cluster. Without --bootstrap-server
 * (or --broker-list) the tool gets the running cluster's address. With Docker the tool runs inside a broker's
 * container (its /opt/kafka/bin): no Java on this machine.
 */
export async function kafkaTool(tool: string, args: string[], options: { backend?: string } = {}): Promise<number> {
  requireKafkaTool(tool);
  const backend = await selectBackend(options.backend);
  const named = ['--bootstrap-server', '--broker-list', '--bootstrap-controller'].some((flag) => args.some((a) => a === flag || a.startsWith(`${flag}=`)));
  const needsBrokers = !named && !tool.endsWith('perf-test') && !args.includes('--help') && !args.includes('--version');
  if (backend.name === 'docker') {
    await runningBrokers(backend, options.backend);
    const [command, commandArgs] = await kafkaToolInStack(tool, args, { addBootstrap: needsBrokers, tty: Boolean(process.stdin.isTTY) });
    return (await execa(command, commandArgs, { stdio: 'inherit', reject: false })).exitCode ?? 1;
  }
  const [java, javaArgs] = await kafkaToolCommand(tool, (text) => console.error(text));
  const full = [...args];
  if (needsBrokers) full.push('--bootstrap-server', (await runningBrokers(backend, options.backend)).join(','));
  const result = await execa(java, [...javaArgs, ...full], { stdio: 'inherit', reject: false });
  return result.exitCode ?? 1;
}

/**
 * The brokers that run now. A cluster with a broker stopped on purpose (`pnpm lab stop-broker 1`) stays as it
 * is, so the tools show its effect; only a cluster with no broker running is started.
 */
async function runningBrokers(backend: Backend, backendName?: string): Promise<string[]> {
  const running = (await backend.status()).filter((s) => /^kafka[- ]\d$/.test(s.service) && s.running && s.address.includes(':'));
  if (running.length > 0) return running.map((s) => s.address);
  const { endpoints } = await startServices(['kafka'], backendName, { quiet: true });
  return endpoints.kafka!.bootstrapServers;
}
