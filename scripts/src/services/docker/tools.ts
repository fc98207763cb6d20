import path from 'node:path';
import { execa } from 'execa';
import { EnvironmentError, UserError } from '../../cli/errors.js';
import { requireKafkaTool } from '../../course/kafka-cli.js';
import { containersOf } from './compose.js';
import { composeProject, inNetworkAddress, isBroker } from './stacks.js';

/**
 * A Kafka CLI tool run inside a running broker's container, as `docker exec` (its /opt/kafka/bin/kafka-<tool>.sh):
 * with Docker, a trainee needs no Java. KAFKA_OPTS is cleared (the broker's JMX agent would start in the tool
 * and fail on the broker's metrics port) and the heap is a tool's, not the broker's. Inside the network the
 * brokers answer on their INTERNAL listener, kafka-N:19092.
 */
export async function kafkaToolInStack(tool: string, args: string[], options: { addBootstrap: boolean; tty?: boolean }): Promise<[string, string[]]> {
  requireKafkaTool(tool);
  const running = (await containersOf(composeProject(['kafka']))).filter((c) => isBroker(c.Service) && c.State === 'running');
  if (running.length === 0) throw new UserError('no broker of the lab cluster runs: start it with `pnpm lab up`');
  const bootstrap = options.addBootstrap ? ['--bootstrap-server', running.map((c) => inNetworkAddress(c.Service)).join(',')] : [];
  return ['docker', ['exec', options.tty ? '-it' : '-i', '-e', 'KAFKA_OPTS=', '-e', 'KAFKA_HEAP_OPTS=-Xmx256m', running[0]!.Name, `/opt/kafka/bin/kafka-${tool}.sh`, ...args, ...bootstrap]];
}

/** The lab cluster's brokers as this machine reaches them (published ports) and as the compose network does. */
const IN_NETWORK: Record<string, string> = Object.fromEntries([0, 1, 2].flatMap((id) => [`localhost:${9092 + id}`, `127.0.0.1:${9092 + id}`].map((address) => [address, inNetworkAddress(`kafka-${id}`)])));

/**
 * Workshop 9's secured cluster: its listeners as this machine reaches them (docker/secure publishes them) and as
 * its nodes' shared network namespace does: EXTERNAL on the same ports, INTERNAL on 1909N, CONTROLLER on 2909N.
 */
const SECURE_IN_NAMESPACE: Record<string, string> = Object.fromEntries([0, 1, 2].flatMap((id) => ['localhost', '127.0.0.1'].flatMap((host) => [
  [`${host}:${9192 + id}`, `localhost:${9192 + id}`],
  [`${host}:${9195 + id}`, `localhost:${19092 + id}`],
  [`${host}:${9198 + id}`, `localhost:${29093 + id}`],
])));

/**
 * Workshop 9's tools (kafka-configs for quotas) inside secure-kafka-0, from the lab folder mounted at /lab, so
 * that `--command-config config/client-admin.properties` and the paths inside it are the lab's; undefined (this
 * machine's Java) when the cluster runs from another folder than `labFolder`.
 */
async function secureToolInStack(tool: string, args: string[], labFolder: string): Promise<[string, string[]] | undefined> {
  const mounted = await execa('docker', ['inspect', '--format', '{{range .Mounts}}{{if eq .Destination "/lab"}}{{.Source}}{{end}}{{end}}', 'secure-kafka-0'], { reject: false });
  if (mounted.exitCode !== 0 || path.resolve(mounted.stdout.trim()) !== path.resolve(labFolder)) return undefined;
  // A client file from outside the lab folder (a check's own, in a temporary folder) is copied in.
  const inContainer = [...args];
  const config = inContainer.indexOf('--command-config') + 1;
  if (config > 0 && path.isAbsolute(inContainer[config]!) && !inContainer[config]!.startsWith(path.resolve(labFolder) + path.sep)) {
    const copy = `/tmp/kafka-labs-${path.basename(inContainer[config]!)}`;
    const copied = await execa('docker', ['cp', inContainer[config]!, `secure-kafka-0:${copy}`], { reject: false, all: true });
    if (copied.exitCode !== 0) throw new EnvironmentError(`docker cp of ${inContainer[config]} into secure-kafka-0 failed: ${copied.all}`);
    inContainer[config] = copy;
  }
  return ['docker', ['exec', '-i', '-w', '/lab', '-e', 'KAFKA_OPTS=', '-e', 'KAFKA_HEAP_OPTS=-Xmx256m', 'secure-kafka-0', `/opt/kafka/bin/kafka-${tool}.sh`, ...inContainer]];
}

/**
 * A tool the checks run (`kafkaCli`) inside the stack: on the lab cluster inside a broker, its --bootstrap-server
 * given as the network knows the brokers; on workshop 9's secured cluster inside its nodes' namespace. Undefined
 * when it names another cluster.
 */
export async function kafkaCliInStack(tool: string, args: string[], labFolder: string): Promise<[string, string[]] | undefined> {
  const at = args.findIndex((a) => a === '--bootstrap-server' || a === '--bootstrap-controller');
  const addresses = at >= 0 ? args[at + 1]!.split(',') : [];
  if (addresses.length > 0 && addresses.every((a) => SECURE_IN_NAMESPACE[a])) {
    const mapped = [...args];
    mapped[at + 1] = addresses.map((a) => SECURE_IN_NAMESPACE[a]).join(',');
    return secureToolInStack(tool, mapped, labFolder);
  }
  if (args[at] !== '--bootstrap-server' || addresses.some((a) => !IN_NETWORK[a])) return undefined;
  const mapped = [...args];
  mapped[at + 1] = addresses.map((a) => IN_NETWORK[a]).join(',');
  return kafkaToolInStack(tool, mapped, { addBootstrap: false });
}
