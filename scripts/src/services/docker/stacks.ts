import path from 'node:path';
import type { ServiceName } from '../../course/lab-meta.js';
import type { SqlEngineName } from '../backend.js';
import type { ComposeProject } from './compose.js';
import { dockerDir, repoRoot, stateDir } from '../../paths.js';

export const PROJECT = 'kafka-labs';

export interface Stack {
  /** The folder under docker/ that holds its compose.yaml. */
  folder: string;
  /**
   * The compose services the labs' checks use: started and waited on until ready (running, and healthy where the
   * compose file declares a health check).
   */
  services: string[];
  /** The consoles beside them (AKHQ, pgAdmin, Kibana, …), for the trainee's eyes: started, never waited on. */
  companions: string[];
}

/** The compose stack of each service the labs ask for (workshop 9's secured cluster starts apart: docker/secure). */
export const STACKS: Record<Exclude<ServiceName, 'secure'>, Stack> = {
  kafka: { folder: 'cluster', services: ['kafka-0', 'kafka-1', 'kafka-2'], companions: ['akhq', 'redpanda-console'] },
  postgres: { folder: 'postgres', services: ['consumer-postgresql'], companions: ['pgadmin'] },
  registry: { folder: 'registry', services: ['schema-registry'], companions: [] },
  sql: { folder: 'ksqldb', services: ['ksqldb-server'], companions: ['ksqldb-cli'] },
  prometheus: { folder: 'monitoring', services: ['prometheus'], companions: ['grafana'] },
  elasticsearch: { folder: 'elasticsearch', services: ['elasticsearch'], companions: ['kibana'] },
  connect: { folder: 'connect', services: ['kafka-connect'], companions: [] },
};

/**
 * Workshop 8's SQL engine with Docker: ksqlDB (the workbook's, STACKS.sql), or Flink SQL's gateway with
 * SQL_ENGINE=flink — ksqlDB's images are amd64-only and ksqlDB has had no release since 0.29 (2023).
 */
export const FLINK_SQL_STACK: Stack = { folder: 'flink', services: ['flink-sql-gateway'], companions: [] };

export function dockerSqlEngine(): SqlEngineName {
  return process.env.SQL_ENGINE === 'flink' ? 'flink' : 'ksqldb';
}

/** Every stack, both SQL engines included (what `down` and `status` cover). */
export const ALL_STACKS: Stack[] = [...Object.values(STACKS), FLINK_SQL_STACK];

/** A Kafka broker never exits or restarts by itself: when it does, its configuration is broken (fail at once). */
export const isBroker = (service: string) => /^kafka-\d$/.test(service);

/** A lab cluster's broker as the compose network reaches it: its INTERNAL listener (docker/cluster/compose.yaml). */
export const inNetworkAddress = (broker: string) => `${broker}:19092`;

/** Where the docker Prometheus reads its configuration (a lab's, rendered by the checks). */
export const PROMETHEUS_CONFIG_DIR = path.join(stateDir, 'docker', 'prometheus');

/** The variables the stacks' compose files need (docker/monitoring mounts these folders). */
export function composeVariables(): Record<string, string> {
  return { PROMETHEUS_CONFIG_DIR, MONITORING_LAB_DIR: path.join(repoRoot, 'labs', '10-monitoring') };
}

/** The stacks the services need, in the order of STACKS (the cluster first), with the SQL engine chosen. */
export function stacksOf(services: ServiceName[]): Stack[] {
  return Object.entries(STACKS).filter(([service]) => services.includes(service as ServiceName)).map(([service, stack]) => (service === 'sql' && dockerSqlEngine() === 'flink' ? FLINK_SQL_STACK : stack));
}

export function composeFile(stack: Stack): string {
  return path.join(stack.folder, 'compose.yaml');
}

/** The services' stacks as one compose project: the course's own name, the cluster's file first (its folder is the project's). */
export function composeProject(services?: ServiceName[]): ComposeProject {
  return { name: PROJECT, files: (services ? stacksOf(services) : ALL_STACKS).map(composeFile), environment: composeVariables() };
}
