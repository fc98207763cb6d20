import { UserError } from '../../cli/errors.js';
import type { ServiceName } from '../../course/lab-meta.js';
import { fromEnv, type Backend, type Endpoints, type SecureEndpoints, type ServiceStatus } from '../backend.js';

/** Services that run somewhere already; their addresses come from the environment (KAFKA_BOOTSTRAP_SERVERS, …). */
export class ExternalBackend implements Backend {
  readonly name = 'external' as const;

  async up(services: ServiceName[]): Promise<Endpoints> {
    const endpoints = fromEnv();
    if (services.includes('kafka') && !endpoints.kafka) {
      throw new UserError('the external backend needs the address of your Kafka: set KAFKA_BOOTSTRAP_SERVERS=host:port[,host:port]');
    }
    if (services.includes('postgres') && !endpoints.postgres) {
      throw new UserError('the external backend needs the address of your PostgreSQL: set POSTGRES_URL=postgres://user:password@host:port/database');
    }
    if (services.includes('sql') && !endpoints.sql) {
      throw new UserError('the external backend needs your SQL engine: set SQL_ENGINE=ksqldb (or flink) and SQL_ENGINE_URL=http://host:port');
    }
    if (services.includes('registry') && !endpoints.registry) {
      throw new UserError('the external backend needs the address of your schema registry: set SCHEMA_REGISTRY_URL=http://host:port');
    }
    if (services.includes('prometheus') && !endpoints.prometheus) {
      throw new UserError('the external backend needs your Prometheus (started with --web.enable-lifecycle): set PROMETHEUS_URL=http://host:port, PROMETHEUS_CONFIG_DIR=<the folder of its prometheus.yml> and PROMETHEUS_TARGETS=BROKER_0_METRICS=host:port,…');
    }
    if (services.includes('elasticsearch') && !endpoints.elasticsearch) {
      throw new UserError('the external backend needs your Elasticsearch: set ELASTICSEARCH_URL=http://host:port');
    }
    if (services.includes('connect') && !endpoints.connect) {
      throw new UserError('the external backend needs your Kafka Connect worker (with an Elasticsearch sink, Kafka\'s EnvVarConfigProvider as `env`, and ELASTICSEARCH_URL in its environment): set KAFKA_CONNECT_URL=http://host:port');
    }
    return endpoints;
  }

  async down(): Promise<void> {}

  async status(): Promise<ServiceStatus[]> {
    const { kafka, postgres, registry } = fromEnv();
    return [
      ...(kafka ? [{ service: 'kafka', running: true, address: kafka.bootstrapServers.join(','), detail: 'external' }] : []),
      ...(postgres ? [{ service: 'postgres', running: true, address: new URL(postgres.url).host, detail: 'external' }] : []),
      ...(registry ? [{ service: 'schema registry', running: true, address: registry.url, detail: 'external' }] : []),
    ];
  }

  async stopBroker(): Promise<void> {
    throw new UserError('stopping a broker needs a cluster the tool runs: use --backend local or docker');
  }

  async startBroker(): Promise<void> {
    throw new UserError('starting a broker needs a cluster the tool runs: use --backend local or docker');
  }

  /** A secured cluster of your own, started from the lab's config/ as its README says. */
  async startSecureCluster(): Promise<SecureEndpoints> {
    const { secure } = fromEnv();
    if (!secure) throw new UserError('the external backend needs your secured cluster (started from the lab\'s config/): set KAFKA_SECURE_BOOTSTRAP_SERVERS=host:port[,…] and KAFKA_SSL_CA_LOCATION=<its CA certificate>');
    return secure;
  }

  async stopSecureCluster(): Promise<void> {
    throw new UserError('the external backend does not run your secured cluster: stop it (and delete its data) yourself');
  }
}
