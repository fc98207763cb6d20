import type { ServiceName } from '../course/lab-meta.js';

export const BACKEND_NAMES = ['docker', 'local', 'external'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Where the running services answer, one key per ServiceName. Checks and programs read it from the environment (see `toEnv`). */
export interface Endpoints {
  kafka?: { bootstrapServers: string[] };
  /** postgres://user:password@host:port/database */
  postgres?: { url: string };
  /** The schema registry's REST API (Confluent's), e.g. http://127.0.0.1:19381 */
  registry?: { url: string };
  /** Workshop 8's SQL engine: ksqlDB's REST API (docker) or Flink's SQL Gateway (local). */
  /** `bootstrapServers`: the brokers as the engine reaches them, where that differs from this machine (a container). */
  sql?: { engine: SqlEngineName; url: string; bootstrapServers?: string[] };
  /** Workshop 9's secured cluster (started from a lab's config/ by `Backend.startSecureCluster`). */
  secure?: SecureEndpoints;
  /** Workshop 10's Prometheus. */
  prometheus?: PrometheusEndpoints;
  /** Workshop 5's Elasticsearch, e.g. http://127.0.0.1:19476 */
  elasticsearch?: { url: string };
  /**
   * Workshop 5's Kafka Connect: its REST API. Its worker has Kafka's EnvVarConfigProvider and ELASTICSEARCH_URL
   * (where it reaches Elasticsearch), so that one connector configuration serves every backend.
   */
  connect?: { url: string };
}

export interface PrometheusEndpoints {
  url: string;
  /** The folder Prometheus reads prometheus.yml (and its rule files) from; `POST /-/reload` applies a new one. */
  configDir: string;
  /**
   * Where Prometheus reaches each thing it may scrape, by the name a lab's configuration writes `${NAME}`:
   * BROKER_0_METRICS…BROKER_2_METRICS (the brokers' JMX exporters), PRODUCER_METRICS and CONSUMER_METRICS (the
   * lab's programs, which serve /metrics on that port of this machine).
   */
  targets: Record<string, string>;
}

export type SqlEngineName = 'ksqldb' | 'flink';

export interface SecureEndpoints {
  /** The EXTERNAL listener of each broker, the clients' (SASL_SSL once the lab is done). */
  bootstrapServers: string[];
  /** The INTERNAL listener of each broker (between brokers) and each node's CONTROLLER listener: no client may pass there. */
  internal: string[];
  controllers: string[];
  /** The lab's CA certificate (ssl/ca-cert.pem), which clients trust. */
  caFile: string;
}

export interface ServiceStatus {
  service: string;
  running: boolean;
  /** The process behind it (local backend). */
  pid?: number;
  address: string;
  /** A log file or container name, for when something goes wrong. */
  detail?: string;
}

/** Reports progress while services start (a spinner's text). */
export type Report = (text: string) => void;

/** One interface, several ways to run the real services a lab needs. */
export interface Backend {
  readonly name: BackendName;
  /** Starts what is not running yet (reusing what is) and waits until every service answers. */
  up(services: ServiceName[], report: Report): Promise<Endpoints>;
  /** Stops every service; `wipe` also deletes their data (a fresh cluster next time). */
  down(options?: { wipe?: boolean }): Promise<void>;
  status(): Promise<ServiceStatus[]>;
  /** Stops some services and keeps their data (the docker backend, for `pnpm grade` one lab at a time). */
  stopServices?(services: ServiceName[]): Promise<void>;
  /** Fault injection: stops one Kafka broker, then starts it again. */
  stopBroker(id: number): Promise<void>;
  startBroker(id: number): Promise<void>;
  /**
   * Workshop 9: the secured cluster, started from `labDir`'s config/ (and ssl/, generated when missing), or
   * restarted when those files changed. A cluster that cannot start with them rejects with the brokers' reason.
   */
  startSecureCluster(labDir: string, report: Report): Promise<SecureEndpoints>;
  /** Stops the secured cluster; `wipe` deletes its data (topics, ACLs, quotas): it starts afresh next time. */
  stopSecureCluster(options?: { wipe?: boolean }): Promise<void>;
}

/** The environment variables that carry endpoints to checks and lab programs. */
export function toEnv(endpoints: Endpoints): Record<string, string> {
  const env: Record<string, string> = {};
  if (endpoints.kafka) env.KAFKA_BOOTSTRAP_SERVERS = endpoints.kafka.bootstrapServers.join(',');
  if (endpoints.postgres) env.POSTGRES_URL = endpoints.postgres.url;
  if (endpoints.registry) env.SCHEMA_REGISTRY_URL = endpoints.registry.url;
  if (endpoints.sql) {
    env.SQL_ENGINE = endpoints.sql.engine;
    env.SQL_ENGINE_URL = endpoints.sql.url;
    if (endpoints.sql.bootstrapServers) env.SQL_ENGINE_KAFKA_BOOTSTRAP_SERVERS = endpoints.sql.bootstrapServers.join(',');
  }
  if (endpoints.secure) {
    env.KAFKA_SECURE_BOOTSTRAP_SERVERS = endpoints.secure.bootstrapServers.join(',');
    env.KAFKA_SECURE_INTERNAL = endpoints.secure.internal.join(',');
    env.KAFKA_SECURE_CONTROLLERS = endpoints.secure.controllers.join(',');
    env.KAFKA_SSL_CA_LOCATION = endpoints.secure.caFile;
  }
  if (endpoints.prometheus) {
    env.PROMETHEUS_URL = endpoints.prometheus.url;
    env.PROMETHEUS_CONFIG_DIR = endpoints.prometheus.configDir;
    env.PROMETHEUS_TARGETS = Object.entries(endpoints.prometheus.targets).map(([name, address]) => `${name}=${address}`).join(',');
    // The port the lab's programs serve /metrics on (their target's, seen from this machine).
    for (const program of ['PRODUCER_METRICS', 'CONSUMER_METRICS']) {
      const address = endpoints.prometheus.targets[program];
      if (address) env[`${program}_PORT`] = address.split(':').pop()!;
    }
  }
  if (endpoints.elasticsearch) env.ELASTICSEARCH_URL = endpoints.elasticsearch.url;
  if (endpoints.connect) env.KAFKA_CONNECT_URL = endpoints.connect.url;
  return env;
}

export function fromEnv(env: NodeJS.ProcessEnv = process.env): Endpoints {
  const endpoints: Endpoints = {};
  if (env.KAFKA_BOOTSTRAP_SERVERS) endpoints.kafka = { bootstrapServers: env.KAFKA_BOOTSTRAP_SERVERS.split(',') };
  if (env.POSTGRES_URL) endpoints.postgres = { url: env.POSTGRES_URL };
  if (env.SCHEMA_REGISTRY_URL) endpoints.registry = { url: env.SCHEMA_REGISTRY_URL };
  if ((env.SQL_ENGINE === 'ksqldb' || env.SQL_ENGINE === 'flink') && env.SQL_ENGINE_URL) {
    endpoints.sql = { engine: env.SQL_ENGINE, url: env.SQL_ENGINE_URL, ...(env.SQL_ENGINE_KAFKA_BOOTSTRAP_SERVERS ? { bootstrapServers: env.SQL_ENGINE_KAFKA_BOOTSTRAP_SERVERS.split(',') } : {}) };
  }
  if (env.KAFKA_SECURE_BOOTSTRAP_SERVERS && env.KAFKA_SSL_CA_LOCATION) {
    endpoints.secure = {
      bootstrapServers: env.KAFKA_SECURE_BOOTSTRAP_SERVERS.split(','),
      internal: (env.KAFKA_SECURE_INTERNAL ?? '').split(',').filter(Boolean),
      controllers: (env.KAFKA_SECURE_CONTROLLERS ?? '').split(',').filter(Boolean),
      caFile: env.KAFKA_SSL_CA_LOCATION,
    };
  }
  if (env.PROMETHEUS_URL && env.PROMETHEUS_CONFIG_DIR) {
    const targets = (env.PROMETHEUS_TARGETS ?? '').split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]);
    endpoints.prometheus = { url: env.PROMETHEUS_URL, configDir: env.PROMETHEUS_CONFIG_DIR, targets: Object.fromEntries(targets) };
  }
  if (env.ELASTICSEARCH_URL) endpoints.elasticsearch = { url: env.ELASTICSEARCH_URL };
  if (env.KAFKA_CONNECT_URL) endpoints.connect = { url: env.KAFKA_CONNECT_URL };
  return endpoints;
}
