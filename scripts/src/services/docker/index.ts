import { execa } from 'execa';
import { EnvironmentError, UserError } from '../../cli/errors.js';
import type { ServiceName } from '../../course/lab-meta.js';
import { dockerDir } from '../../paths.js';
import { CONSUMER_METRICS_PORT, POSTGRES_DATABASE, POSTGRES_PASSWORD, POSTGRES_USER, PRODUCER_METRICS_PORT } from '../../versions.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Backend, Endpoints, Report, SecureEndpoints, ServiceStatus } from '../backend.js';
import { ensureCertificates } from '../certificates.js';
import { secureFingerprint, secureLabFiles } from '../secure-lab.js';
import { stateDir } from '../../paths.js';
import { EMPTY_PROMETHEUS_CONFIG } from '../local/prometheus.js';
import { compose, containersOf, waitUntilReady, type ComposeContainer, type ComposeProject } from './compose.js';
import { composeProject, dockerSqlEngine, inNetworkAddress, isBroker, PROJECT, PROMETHEUS_CONFIG_DIR, STACKS, stacksOf } from './stacks.js';

/**
 * The engine's version, asked through the docker CLI the backend runs compose with (it follows DOCKER_HOST and
 * the current docker context, as Docker Desktop, colima or OrbStack set them); undefined when none answers.
 */
async function engineVersion(): Promise<{ version?: string; why: string }> {
  const result = await execa('docker', ['version', '--format', '{{.Server.Version}}'], { reject: false, timeout: 10_000, all: true });
  if (result.exitCode === 0 && result.stdout.trim()) return { version: result.stdout.trim(), why: '' };
  const why = result.timedOut ? 'docker version did not answer in 10 s' : (result.all ?? '').trim().split('\n').pop() || 'the docker CLI is not installed';
  return { why };
}

/** True when a Docker engine answers (not only the client). */
export async function dockerEngineAnswers(): Promise<boolean> {
  return (await engineVersion()).version !== undefined;
}

async function engine(): Promise<void> {
  const { version, why } = await engineVersion();
  if (!version) throw new EnvironmentError(`no Docker engine answers (${why}): start Docker, or use --backend local`);
}

const SECURE_FINGERPRINT = path.join(stateDir, 'docker', 'secure-started-with');
/** Workshop 9's secured cluster: a compose project of its own, beside the lab cluster. */
const secureProject = (labDir: string): ComposeProject => ({ name: 'kafka-labs-secure', files: [path.join('secure', 'compose.yaml')], environment: { LAB_DIR: labDir } });
/** Docker's wait between SIGTERM and SIGKILL when the tool stops a container, in seconds: a broker's controlled shutdown. */
const STOP_TIMEOUT_SECONDS = '30';
const START_TIMEOUT_MS = 180_000;

/**
 * The stacks under docker/, run with the docker compose CLI: `up` waits for the readiness each compose file
 * declares (health checks); a start that fails keeps the containers and volumes and shows the failing one's log.
 */
export class DockerBackend implements Backend {
  readonly name = 'docker' as const;

  async up(services: ServiceName[], report: Report): Promise<Endpoints> {
    await engine();
    const stacks = stacksOf(services);
    if (stacks.length === 0) return {};
    if (services.includes('prometheus') && !fs.existsSync(path.join(PROMETHEUS_CONFIG_DIR, 'prometheus.yml'))) {
      fs.mkdirSync(PROMETHEUS_CONFIG_DIR, { recursive: true });
      fs.writeFileSync(path.join(PROMETHEUS_CONFIG_DIR, 'prometheus.yml'), EMPTY_PROMETHEUS_CONFIG);
    }
    const project = composeProject(services);
    // The brokers first: the registry, Connect and ksqlDB exit while no broker answers.
    for (const group of [stacks.filter((s) => s === STACKS.kafka), stacks.filter((s) => s !== STACKS.kafka)]) {
      const names = group.flatMap((s) => s.services);
      if (names.length === 0) continue;
      report(`starting ${names.join(', ')} with docker compose (the first time, images are pulled or built)`);
      await compose(project, ['up', '--detach', ...names]);
      await waitUntilReady(project, names, { timeoutMs: START_TIMEOUT_MS, report, failFast: isBroker });
    }
    // The consoles are for a trainee's eyes: a CI run (GitHub sets CI) has none, and keeps their memory (Kibana's alone ≈ 0.7 GB).
    const companions = process.env.CI ? [] : stacks.flatMap((s) => s.companions);
    if (companions.length > 0) {
      await compose(project, ['up', '--detach', '--no-deps', ...companions]).catch((error: Error) => {
        report(`the consoles ${companions.join(', ')} did not start (${error.message}); the checks do not need them`);
      });
    }
    return this.endpointsOf(services, await containersOf(project));
  }

  private endpointsOf(services: ServiceName[], containers: ComposeContainer[]): Endpoints {
    const published = (service: string, port: number) => {
      const publisher = containers.find((c) => c.Service === service)?.Publishers?.find((p) => p.TargetPort === port && p.PublishedPort);
      if (!publisher) throw new EnvironmentError(`${service} publishes no port for ${port}: see \`docker compose --project-name ${PROJECT} ps\``);
      return `localhost:${publisher.PublishedPort}`;
    };
    const endpoints: Endpoints = {};
    if (services.includes('kafka')) endpoints.kafka = { bootstrapServers: [0, 1, 2].map((id) => published(`kafka-${id}`, 9092 + id)) };
    // Published on 15432: 5432 is often taken by a PostgreSQL of the laptop's own.
    if (services.includes('postgres')) endpoints.postgres = { url: `postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@${published('consumer-postgresql', 5432)}/${POSTGRES_DATABASE}` };
    if (services.includes('registry')) endpoints.registry = { url: `http://${published('schema-registry', 8081)}` };
    if (services.includes('sql')) {
      endpoints.sql = dockerSqlEngine() === 'flink'
        // Flink's tables name their brokers: as the gateway's container reaches them.
        ? { engine: 'flink', url: `http://${published('flink-sql-gateway', 8083)}`, bootstrapServers: STACKS.kafka.services.map(inNetworkAddress) }
        : { engine: 'ksqldb', url: `http://${published('ksqldb-server', 8088)}` };
    }
    if (services.includes('prometheus')) {
      endpoints.prometheus = {
        url: `http://${published('prometheus', 9090)}`,
        configDir: PROMETHEUS_CONFIG_DIR,
        // Inside the compose network: the brokers by name, the lab's programs on this machine.
        targets: {
          BROKER_0_METRICS: 'kafka-0:7071',
          BROKER_1_METRICS: 'kafka-1:7071',
          BROKER_2_METRICS: 'kafka-2:7071',
          PRODUCER_METRICS: `host.docker.internal:${PRODUCER_METRICS_PORT}`,
          CONSUMER_METRICS: `host.docker.internal:${CONSUMER_METRICS_PORT}`,
        },
      };
    }
    if (services.includes('elasticsearch')) endpoints.elasticsearch = { url: `http://${published('elasticsearch', 9200)}` };
    if (services.includes('connect')) endpoints.connect = { url: `http://${published('kafka-connect', 8083)}` };
    return endpoints;
  }

  async down({ wipe = false } = {}): Promise<void> {
    await engine();
    await compose(composeProject(), ['down', '--timeout', STOP_TIMEOUT_SECONDS, ...(wipe ? ['--volumes'] : [])]);
    await this.stopSecureCluster({ wipe: true });
  }

  async stopServices(services: ServiceName[]): Promise<void> {
    if (services.includes('secure')) await this.stopSecureCluster({ wipe: true });
    const containers = stacksOf(services).flatMap((s) => [...s.services, ...s.companions]);
    if (containers.length === 0) return;
    await compose(composeProject(services), ['stop', '--timeout', STOP_TIMEOUT_SECONDS, ...containers]);
  }

  /** Every container of the lab cluster's project and of the secured cluster's, stopped ones included. */
  async status(): Promise<ServiceStatus[]> {
    await engine();
    const containers = [...(await containersOf(composeProject())), ...(await containersOf(secureProject(dockerDir)))];
    return containers.map((c) => {
      const port = c.Publishers?.find((p) => p.PublishedPort)?.PublishedPort;
      return { service: c.Name, running: c.State === 'running', address: port ? `localhost:${port}` : '-', detail: `docker logs ${c.Name}` };
    });
  }

  async stopBroker(id: number): Promise<void> {
    await engine();
    const project = composeProject(['kafka']);
    const broker = (await containersOf(project, [`kafka-${id}`])).find((c) => c.State === 'running');
    if (!broker) throw new UserError(`broker ${id} is not running: nothing to stop (see \`pnpm lab status\`)`);
    // SIGTERM, then up to 30 s for the controlled shutdown before Docker kills it.
    await compose(project, ['stop', '--timeout', STOP_TIMEOUT_SECONDS, `kafka-${id}`]);
  }

  async startBroker(id: number): Promise<void> {
    await engine();
    const project = composeProject(['kafka']);
    await compose(project, ['start', `kafka-${id}`]);
    await waitUntilReady(project, [`kafka-${id}`], { timeoutMs: START_TIMEOUT_MS, report: () => {}, failFast: isBroker });
  }

  async startSecureCluster(labDir: string, report: Report): Promise<SecureEndpoints> {
    await engine();
    const files = secureLabFiles(labDir);
    ensureCertificates(files.sslDir);
    const project = secureProject(labDir);
    // The containers mount the lab's folder: another folder means new containers.
    const fingerprint = secureFingerprint(files, labDir);
    const startedWith = fs.existsSync(SECURE_FINGERPRINT) ? fs.readFileSync(SECURE_FINGERPRINT, 'utf8') : undefined;
    if (startedWith !== fingerprint) {
      report(`(re)starting the secured cluster with ${path.relative(process.cwd(), files.configDir)}`);
      await compose(project, ['down', '--volumes', '--timeout', STOP_TIMEOUT_SECONDS]);
    }
    const brokers = ['kafka-0', 'kafka-1', 'kafka-2'];
    await compose(project, ['up', '--detach', ...brokers]);
    await waitUntilReady(project, brokers, { timeoutMs: START_TIMEOUT_MS, report, failFast: isBroker }).catch((error: Error) => {
      throw new EnvironmentError(`the secured cluster did not start with ${files.configDir}: ${error.message}`);
    });
    fs.mkdirSync(path.dirname(SECURE_FINGERPRINT), { recursive: true });
    fs.writeFileSync(SECURE_FINGERPRINT, fingerprint);
    return {
      bootstrapServers: [9192, 9193, 9194].map((port) => `localhost:${port}`),
      // Published by docker/secure/compose.yaml for the checks that prove these listeners refuse anonymous clients.
      internal: [9195, 9196, 9197].map((port) => `localhost:${port}`),
      controllers: [9198, 9199, 9200].map((port) => `localhost:${port}`),
      caFile: files.certificates.caFile,
    };
  }

  async stopSecureCluster({ wipe = false } = {}): Promise<void> {
    await engine();
    // The secured cluster keeps no volume: its data goes with its containers.
    await compose(secureProject(dockerDir), ['down', '--timeout', STOP_TIMEOUT_SECONDS, ...(wipe ? ['--volumes'] : [])]);
    fs.rmSync(SECURE_FINGERPRINT, { force: true });
  }
}
