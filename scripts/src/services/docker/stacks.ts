import path from 'node:path';
import type { DockerComposeEnvironment, Wait, WaitStrategy } from 'testcontainers';
import type { ServiceName } from '../../course/lab-meta.js';
import { dockerDir, repoRoot, stateDir } from '../../paths.js';

export const PROJECT = 'kafka-labs';

export interface Stack {
  /** The folder under docker/ that holds its compose.yaml. */
  folder: string;
  /** How each of its containers (by container_name) is known to be ready. */
  readiness: Record<string, (wait: typeof Wait) => WaitStrategy>;
}

/** The compose stack of each service the labs ask for (workshop 9's secured cluster starts apart: docker/secure). */
export const STACKS: Record<Exclude<ServiceName, 'secure'>, Stack> = {
  kafka: {
    folder: 'cluster',
    readiness: {
      'jmx-exporter': (wait) => wait.forOneShotStartup(),
      'kafka-0': (wait) => wait.forHealthCheck(),
      'kafka-1': (wait) => wait.forHealthCheck(),
      'kafka-2': (wait) => wait.forHealthCheck(),
      akhq: (wait) => wait.forListeningPorts(),
      'redpanda-console': (wait) => wait.forListeningPorts(),
    },
  },
  postgres: {
    folder: 'postgres',
    readiness: {
      'consumer-postgresql': (wait) => wait.forHealthCheck(),
      pgadmin: (wait) => wait.forListeningPorts(),
    },
  },
  registry: {
    folder: 'registry',
    readiness: {
      'schema-registry': (wait) => wait.forHealthCheck(),
    },
  },
  sql: {
    folder: 'ksqldb',
    readiness: {
      'ksqldb-server': (wait) => wait.forHealthCheck(),
      // The console waits for `docker exec`: running is ready (it publishes no port).
      'ksqldb-cli': (wait) => wait.forListeningPorts(),
    },
  },
  prometheus: {
    folder: 'monitoring',
    readiness: {
      prometheus: (wait) => wait.forHealthCheck(),
      grafana: (wait) => wait.forListeningPorts(),
    },
  },
  elasticsearch: {
    folder: 'elasticsearch',
    readiness: {
      elasticsearch: (wait) => wait.forHealthCheck(),
      kibana: (wait) => wait.forListeningPorts(),
    },
  },
  connect: {
    folder: 'connect',
    readiness: {
      'kafka-connect': (wait) => wait.forHealthCheck(),
    },
  },
};

/** Where the docker Prometheus reads its configuration (a lab's, rendered by the checks). */
export const PROMETHEUS_CONFIG_DIR = path.join(stateDir, 'docker', 'prometheus');

/** The variables the stacks' compose files need (docker/monitoring mounts these folders). */
export function composeVariables(): Record<string, string> {
  return { PROMETHEUS_CONFIG_DIR, MONITORING_LAB_DIR: path.join(repoRoot, 'labs', '10-monitoring') };
}

export function stacksOf(services: ServiceName[]): Stack[] {
  return [...new Set(services.flatMap((s) => (s === 'secure' ? [] : [STACKS[s]])))];
}

export function composeFile(stack: Stack): string {
  return path.join(stack.folder, 'compose.yaml');
}

/**
 * The services' stacks as one testcontainers compose environment: the course's own project name, a wait
 * strategy for every container, and no reaper (the services outlive the command that started them).
 */
export async function composeEnvironment(services: ServiceName[]): Promise<DockerComposeEnvironment> {
  // testcontainers is loaded only when Docker is used: every command and check process would pay for it.
  const { DockerComposeEnvironment, Wait } = await import('testcontainers');
  const stacks = stacksOf(services);
  let environment = new DockerComposeEnvironment(dockerDir, stacks.map(composeFile))
    .withProjectName(PROJECT)
    .withEnvironment(composeVariables())
    .withAutoCleanup(false)
    .withStartupTimeout(180_000);
  for (const stack of stacks) {
    for (const [container, readiness] of Object.entries(stack.readiness)) environment = environment.withWaitStrategy(container, readiness(Wait));
  }
  return environment;
}
