import { withProgress } from '../cli/progress.js';
import type { ServiceName } from '../course/lab-meta.js';
import { toEnv, type Backend, type Endpoints } from './backend.js';
import { selectBackend } from './select.js';

export interface StartedServices {
  backend: Backend;
  endpoints: Endpoints;
  /** What checks and lab programs need to reach the services. */
  env: Record<string, string>;
  /**
   * The same, for some of the services only: a lab's checks see the services their lab asks for, and no other
   * (so that workshop 9's, which use no service of the shared cluster, never wait on it).
   */
  envFor(services: readonly ServiceName[]): Record<string, string>;
}

/**
 * Brings up the services with progress on the terminal; reuses whatever already runs.
 * `quiet`: say nothing when everything already ran (for commands whose own output matters).
 */
export async function startServices(services: ServiceName[], backendName?: string, { quiet = false, labDir }: { quiet?: boolean; labDir?: string } = {}): Promise<StartedServices> {
  const backend = await selectBackend(backendName);
  const endpoints = await withProgress(`${services.join(', ')} on the ${backend.name} backend`, async (report) => {
    const up = await backend.up(services, report);
    // Workshop 9's secured cluster starts from a lab folder's config/: the checks start it themselves (their
    // config is what they check), programs run by hand ask for it here.
    if (services.includes('secure') && labDir) up.secure = await backend.startSecureCluster(labDir, report);
    return up;
  }, { silentIfNothingToDo: quiet });
  // kafkajs warns on every producer about a default it changed in 2.0: nothing a trainee needs to act on.
  const envOf = (some: Endpoints) => ({ ...toEnv(some), LAB_BACKEND: backend.name, KAFKAJS_NO_PARTITIONER_WARNING: '1' });
  const envFor = (names: readonly ServiceName[]) => envOf(Object.fromEntries(Object.entries(endpoints).filter(([name]) => names.includes(name as ServiceName))));
  return { backend, endpoints, env: envOf(endpoints), envFor };
}

export function describeEndpoints(endpoints: Endpoints): string[] {
  const lines: string[] = [];
  if (endpoints.kafka) lines.push(`Kafka bootstrap servers  ${endpoints.kafka.bootstrapServers.join(',')}`);
  if (endpoints.postgres) lines.push(`PostgreSQL               ${endpoints.postgres.url}`);
  if (endpoints.registry) lines.push(`Schema registry          ${endpoints.registry.url}`);
  if (endpoints.sql) lines.push(`SQL engine               ${endpoints.sql.engine === 'flink' ? 'Flink SQL gateway' : 'ksqlDB'} ${endpoints.sql.url}`);
  if (endpoints.elasticsearch) lines.push(`Elasticsearch            ${endpoints.elasticsearch.url}`);
  if (endpoints.connect) lines.push(`Kafka Connect            ${endpoints.connect.url}`);
  if (endpoints.secure) lines.push(`Secured cluster          ${endpoints.secure.bootstrapServers.join(',')} (CA ${endpoints.secure.caFile})`);
  return lines;
}
