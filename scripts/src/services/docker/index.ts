import type { ContainerRuntimeClient } from 'testcontainers';
import { EnvironmentError, UserError } from '../../cli/errors.js';
import { SERVICE_NAMES, type ServiceName } from '../../course/lab-meta.js';
import { dockerDir } from '../../paths.js';
import { POSTGRES_DATABASE, POSTGRES_PASSWORD, POSTGRES_USER } from '../../versions.js';
import type { Backend, Endpoints, Report, ServiceStatus } from '../backend.js';
import { composeEnvironment, composeFile, PROJECT, stacksOf } from './stacks.js';

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

/** The stacks under docker/, started through testcontainers' compose support with a wait strategy per container. */
export class DockerBackend implements Backend {
  readonly name = 'docker' as const;

  async up(services: ServiceName[], report: Report): Promise<Endpoints> {
    await engine();
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
    return endpoints;
  }

  async down({ wipe = false } = {}): Promise<void> {
    const client = await engine();
    await client.compose.down(this.composeOptions(), { removeVolumes: wipe, timeout: 30 });
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

  private composeOptions() {
    return { filePath: dockerDir, files: stacksOf([...SERVICE_NAMES]).map(composeFile), projectName: PROJECT };
  }
}
