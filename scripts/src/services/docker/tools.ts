import { UserError } from '../../cli/errors.js';
import { requireKafkaTool } from '../../course/kafka-cli.js';
import { containersOf } from './compose.js';
import { composeProject } from './stacks.js';

/**
 * A Kafka CLI tool run inside a running broker's container, as `docker exec` (its /opt/kafka/bin/kafka-<tool>.sh):
 * with Docker, a trainee needs no Java. KAFKA_OPTS is cleared (the broker's JMX agent would start in the tool
 * and fail on the broker's metrics port) and the heap is a tool's, not the broker's. Inside the network the
 * brokers answer on their INTERNAL listener, kafka-N:19092.
 */
export async function kafkaToolInStack(tool: string, args: string[], options: { addBootstrap: boolean; tty?: boolean }): Promise<[string, string[]]> {
  requireKafkaTool(tool);
  const running = (await containersOf(composeProject(['kafka']))).filter((c) => /^kafka-\d$/.test(c.Service) && c.State === 'running');
  if (running.length === 0) throw new UserError('no broker of the lab cluster runs: start it with `pnpm lab up`');
  const bootstrap = options.addBootstrap ? ['--bootstrap-server', running.map((c) => `${c.Service}:19092`).join(',')] : [];
  return ['docker', ['exec', options.tty ? '-it' : '-i', '-e', 'KAFKA_OPTS=', '-e', 'KAFKA_HEAP_OPTS=-Xmx256m', running[0]!.Name, `/opt/kafka/bin/kafka-${tool}.sh`, ...args, ...bootstrap]];
}

/** The lab cluster's brokers as this machine reaches them (published ports) and as the compose network does. */
const IN_NETWORK: Record<string, string> = Object.fromEntries([0, 1, 2].flatMap((id) => [`localhost:${9092 + id}`, `127.0.0.1:${9092 + id}`].map((address) => [address, `kafka-${id}:19092`])));

/**
 * A tool the checks run (`kafkaCli`) on the lab cluster, inside a broker, its --bootstrap-server given as the
 * network knows the brokers; undefined when it names another cluster (workshop 9's secured one still runs its
 * tools with this machine's Java: its client files are in the lab folder, not in the containers).
 */
export async function kafkaCliInStack(tool: string, args: string[]): Promise<[string, string[]] | undefined> {
  const at = args.indexOf('--bootstrap-server');
  const addresses = at >= 0 ? args[at + 1]!.split(',') : [];
  if (addresses.length === 0 || addresses.some((a) => !IN_NETWORK[a])) return undefined;
  const mapped = [...args];
  mapped[at + 1] = addresses.map((a) => IN_NETWORK[a]).join(',');
  return kafkaToolInStack(tool, mapped, { addBootstrap: false });
}
