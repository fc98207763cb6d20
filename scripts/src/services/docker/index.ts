import path from 'node:path';
import { execa } from 'execa';
import { EnvironmentError } from '../../cli/errors.js';
import type { ServiceName } from '../../course/lab-meta.js';
import { dockerDir } from '../../paths.js';
import { POSTGRES_DATABASE, POSTGRES_PASSWORD, POSTGRES_USER } from '../../versions.js';
import type { Backend, Endpoints, Report, ServiceStatus } from '../backend.js';

/** The compose stack of each service, under docker/. */
const STACKS: Record<ServiceName, string> = {
  kafka: 'cluster',
  postgres: 'postgres',
};

const PROJECT = 'kafka-labs';
const KAFKA_BROKERS = ['localhost:9092', 'localhost:9093', 'localhost:9094'];
/** Published on 15432: 5432 is often taken by a PostgreSQL of the laptop's own. */
const POSTGRES_URL = `postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@localhost:15432/${POSTGRES_DATABASE}`;

/** True when a Docker engine answers (not only the client). */
export async function dockerEngineAnswers(): Promise<boolean> {
  const result = await execa('docker', ['info', '--format', '{{.ServerVersion}}'], { reject: false, timeout: 5000 });
  return result.exitCode === 0 && result.stdout.trim() !== '';
}

/** The stacks under docker/, driven by `docker compose` (the trainee's first choice when Docker is there). */
export class DockerBackend implements Backend {
  readonly name = 'docker' as const;

  async up(services: ServiceName[], report: Report): Promise<Endpoints> {
    const stacks = [...new Set(services.map((s) => STACKS[s]))];
    report(`starting docker compose stacks: ${stacks.join(', ')} (waiting for health checks)`);
    await this.compose(stacks, ['up', '--detach', '--wait']);
    return {
      ...(services.includes('kafka') ? { kafka: { bootstrapServers: KAFKA_BROKERS } } : {}),
      ...(services.includes('postgres') ? { postgres: { url: POSTGRES_URL } } : {}),
    };
  }

  async down({ wipe = false } = {}): Promise<void> {
    await this.compose(Object.values(STACKS), ['down', ...(wipe ? ['--volumes'] : [])]);
  }

  async status(): Promise<ServiceStatus[]> {
    const { stdout } = await this.compose(Object.values(STACKS), ['ps', '--all', '--format', 'json']);
    return stdout.split('\n').filter(Boolean).map((line) => {
      const c = JSON.parse(line) as { Service: string; State: string; Publishers?: { PublishedPort: number }[] };
      const port = c.Publishers?.find((p) => p.PublishedPort)?.PublishedPort;
      return { service: c.Service, running: c.State === 'running', address: port ? `localhost:${port}` : '-', detail: `docker logs ${PROJECT}-${c.Service}-1` };
    });
  }

  async stopBroker(id: number): Promise<void> {
    await this.compose([STACKS.kafka], ['stop', `kafka-${id}`]);
  }

  async startBroker(id: number): Promise<void> {
    await this.compose([STACKS.kafka], ['up', '--detach', '--wait', `kafka-${id}`]);
  }

  private async compose(stacks: string[], args: string[]) {
    const files = stacks.flatMap((s) => ['--file', path.join(dockerDir, s, 'compose.yaml')]);
    const result = await execa('docker', ['compose', '--project-name', PROJECT, ...files, ...args], { reject: false, all: true });
    if (result.exitCode !== 0) {
      const last = (result.all ?? '').trim().split('\n').at(-1);
      throw new EnvironmentError(`docker compose ${args[0]} failed (${last}): check \`docker compose --project-name ${PROJECT} logs\`, or use --backend local`);
    }
    return result;
  }
}
