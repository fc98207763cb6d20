import { UserError } from '../../cli/errors.js';
import { KAFKA_TOOLS } from '../../course/kafka-cli.js';
import { containersOf } from './compose.js';
import { composeProject } from './stacks.js';

/**
 * A Kafka CLI tool run inside a running broker's container, as `docker exec` (its /opt/kafka/bin/kafka-<tool>.sh):
 * with Docker, a trainee needs no Java. KAFKA_OPTS is cleared (the broker's JMX agent would start in the tool
 * and fail on the broker's metrics port) and the heap is a tool's, not the broker's. Inside the network the
 * brokers answer on their INTERNAL listener, kafka-N:19092.
 */
export async function kafkaToolInStack(tool: string, args: string[], options: { addBootstrap: boolean; tty?: boolean }): Promise<[string, string[]]> {
  if (!KAFKA_TOOLS[tool]) throw new UserError(`unknown Kafka tool "${tool}": use one of ${Object.keys(KAFKA_TOOLS).join(', ')}`);
  const running = (await containersOf(composeProject(['kafka']))).filter((c) => /^kafka-\d$/.test(c.Service) && c.State === 'running');
  if (running.length === 0) throw new UserError('no broker of the lab cluster runs: start it with `pnpm lab up`');
  const bootstrap = options.addBootstrap ? ['--bootstrap-server', running.map((c) => `${c.Service}:19092`).join(',')] : [];
  return ['docker', ['exec', options.tty ? '-it' : '-i', '-e', 'KAFKA_OPTS=', '-e', 'KAFKA_HEAP_OPTS=-Xmx256m', running[0]!.Name, `/opt/kafka/bin/kafka-${tool}.sh`, ...args, ...bootstrap]];
}
