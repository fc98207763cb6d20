import type { ContainerRuntimeClient } from 'testcontainers';
import { EnvironmentError, UserError } from '../../cli/errors.js';
import { SERVICE_NAMES, type ServiceName } from '../../course/lab-meta.js';
import { dockerDir } from '../../paths.js';
import { CONSUMER_METRICS_PORT, POSTGRES_DATABASE, POSTGRES_PASSWORD, POSTGRES_USER, PRODUCER_METRICS_PORT } from '../../versions.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Backend, Endpoints, Report, SecureEndpoints, ServiceStatus } from '../backend.js';
import { ensureCertificates } from '../certificates.js';
import { secureFingerprint, secureLabFiles } from '../secure-lab.js';
import { stateDir } from '../../paths.js';
import { EMPTY_PROMETHEUS_CONFIG } from '../local/prometheus.js';
import { composeEnvironment, composeFile, composeVariables, PROJECT, PROMETHEUS_CONFIG_DIR, stacksOf } from './stacks.js';

/** True when a Docker engine answers (not only the client). */
export async function dockerEngineAnswers(): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 5000).unref());
  return Promise.race([import('testcontainers').then(({ getContainerRuntimeClient }) => getContainerRuntimeClient()).then(() => true, () => false), timeout]);
}

async function engine(): Promise<ContainerRuntimeClient> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    return await getContainerRuntimeClient();
  } catch (error) {
    throw new EnvironmentError(`no Docker engine answers (${(error as Error).message}): start Docker, or use --backend local`);
  }
}

const SECURE_COMPOSE = path.join('secure', 'compose.yaml');
const SECURE_PROJECT = 'kafka-labs-secure';
const SECURE_FINGERPRINT = path.join(stateDir, 'docker', 'secure-started-with');

/** The stacks under docker/, started through testcontainers' compose support with a wait strategy per container. */
export class DockerBackend implements Backend {
  readonly name = 'docker' as const;

  async up(services: ServiceName[], report: Report): Promise<Endpoints> {
    await engine();
    if (stacksOf(services).length === 0) return {};
    if (services.includes('prometheus') && !fs.existsSync(path.join(PROMETHEUS_CONFIG_DIR, 'prometheus.yml'))) {
      fs.mkdirSync(PROMETHEUS_CONFIG_DIR, { recursive: true });
      fs.writeFileSync(path.join(PROMETHEUS_CONFIG_DIR, 'prometheus.yml'), EMPTY_PROMETHEUS_CONFIG);
    }
    report(`starting the docker compose stacks ${stacksOf(services).map((s) => s.folder).join(', ')} (waiting for every container to be ready)`);
    const started = await (await composeEnvironment(services)).up().catch((error: Error) => {
      throw new EnvironmentError(`the docker compose stacks did not start (${error.message.split('\n')[0]}): see \`docker compose --project-name ${PROJECT} logs\`, or use --backend local`);
    });
    const endpoints: Endpoints = {};
    if (services.includes('kafka')) {
      endpoints.kafka = { bootstrapServers: [0, 1, 2].map((id) => `localhost:${started.getContainer(`kafka-${id}`).getMappedPort(9092 + id)}`) };
    }
    if (services.includes('postgres')) {
      // Published on 15432: 5432 is often taken by a PostgreSQL of the laptop's own.
      const port = started.getContainer('consumer-postgresql').getMappedPort(5432);
      endpoints.postgres = { url: `postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@localhost:${port}/${POSTGRES_DATABASE}` };
    }
    if (services.includes('registry')) {
      endpoints.registry = { url: `http://localhost:${started.getContainer('schema-registry').getMappedPort(8081)}` };
    }
    if (services.includes('sql')) {
      endpoints.sql = { engine: 'ksqldb', url: `http://localhost:${started.getContainer('ksqldb-server').getMappedPort(8088)}` };
    }
    if (services.includes('prometheus')) {
      endpoints.prometheus = {
        url: `http://localhost:${started.getContainer('prometheus').getMappedPort(9090)}`,
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
    if (services.includes('elasticsearch')) {
      endpoints.elasticsearch = { url: `http://localhost:${started.getContainer('elasticsearch').getMappedPort(9200)}` };
    }
    if (services.includes('connect')) {
      endpoints.connect = { url: `http://localhost:${started.getContainer('kafka-connect').getMappedPort(8083)}` };
    }
    return endpoints;
  }

  async down({ wipe = false } = {}): Promise<void> {
    const client = await engine();
    await client.compose.down(this.composeOptions(), { removeVolumes: wipe, timeout: 30 });
    await this.stopSecureCluster({ wipe: true });
  }

  async status(): Promise<ServiceStatus[]> {
    const client = await engine();
    const containers = (await client.container.list()).filter((c) => c.Labels['com.docker.compose.project'] === PROJECT);
    return containers.map((c) => {
      const port = c.Ports.find((p) => p.PublicPort)?.PublicPort;
      const name = c.Names[0]?.replace(/^\//, '') ?? c.Id;
      return { service: c.Labels['com.docker.compose.service'] ?? name, running: c.State === 'running', address: port ? `localhost:${port}` : '-', detail: `docker logs ${name}` };
    });
  }

  async stopBroker(id: number): Promise<void> {
    const client = await engine();
    const container = (await client.container.list()).find((c) => c.Names.includes(`/kafka-${id}`) && c.State === 'running');
    if (!container) throw new UserError(`broker ${id} is not running: nothing to stop (see \`pnpm lab status\`)`);
    await client.container.stop(client.container.getById(container.Id), { timeout: 30 });
  }

  async startBroker(id: number): Promise<void> {
    await engine();
    await (await composeEnvironment(['kafka'])).up([`kafka-${id}`]);
  }

  async startSecureCluster(labDir: string, report: Report): Promise<SecureEndpoints> {
    const client = await engine();
    const files = secureLabFiles(labDir);
    ensureCertificates(files.sslDir);
    const { DockerComposeEnvironment, Wait } = await import('testcontainers');
    // The containers mount the lab's folder: another folder means new containers.
    const fingerprint = secureFingerprint(files, labDir);
    const startedWith = fs.existsSync(SECURE_FINGERPRINT) ? fs.readFileSync(SECURE_FINGERPRINT, 'utf8') : undefined;
    if (startedWith !== fingerprint) {
      report(`(re)starting the secured cluster with ${path.relative(process.cwd(), files.configDir)}`);
      await client.compose.down({ filePath: dockerDir, files: [SECURE_COMPOSE], projectName: SECURE_PROJECT, environment: { LAB_DIR: labDir } }, { removeVolumes: true, timeout: 30 });
    }
    let environment = new DockerComposeEnvironment(dockerDir, SECURE_COMPOSE).withProjectName(SECURE_PROJECT).withEnvironment({ LAB_DIR: labDir }).withAutoCleanup(false).withStartupTimeout(180_000);
    for (const id of [0, 1, 2]) environment = environment.withWaitStrategy(`secure-kafka-${id}`, Wait.forLogMessage('Kafka Server started'));
    await environment.up().catch((error: Error) => {
      throw new EnvironmentError(`the secured cluster did not start with ${files.configDir} (${error.message.split('\n')[0]}): see \`docker compose --project-name ${SECURE_PROJECT} logs\``);
    });
    fs.mkdirSync(path.dirname(SECURE_FINGERPRINT), { recursive: true });
    fs.writeFileSync(SECURE_FINGERPRINT, fingerprint);
    return {
      bootstrapServers: [9192, 9193, 9194].map((port) => `localhost:${port}`),
      // Only inside the compose network: from the host, nothing but EXTERNAL is reachable.
      internal: [],
      controllers: [],
      caFile: files.certificates.caFile,
    };
  }

  async stopSecureCluster({ wipe = false } = {}): Promise<void> {
    const client = await engine();
    // The secured cluster keeps no volume: its data goes with its containers.
    await client.compose.down({ filePath: dockerDir, files: [SECURE_COMPOSE], projectName: SECURE_PROJECT, environment: { LAB_DIR: dockerDir } }, { removeVolumes: wipe, timeout: 30 });
    fs.rmSync(SECURE_FINGERPRINT, { force: true });
  }

  private composeOptions() {
    return { filePath: dockerDir, files: stacksOf([...SERVICE_NAMES]).map(composeFile), projectName: PROJECT, environment: composeVariables() };
  }
}
