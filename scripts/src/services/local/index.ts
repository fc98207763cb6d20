import path from 'node:path';
import { EnvironmentError, UserError } from '../../cli/errors.js';
import { dockerDir, stateDir } from '../../paths.js';
import type { ServiceName } from '../../course/lab-meta.js';
import type { Backend, Endpoints, Report, SecureEndpoints, ServiceStatus } from '../backend.js';
import { LocalElasticsearch } from './elasticsearch.js';
import { LocalFlinkSqlGateway } from './flink-sql-gateway.js';
import { LocalKafkaConnect } from './kafka-connect.js';
import { LocalKafkaCluster, type KafkaNodeStatus } from './kafka-cluster.js';
import { forgetPortBase, recordedPortBase, recordPortBase, resolvePorts, type PortState } from './ports.js';
import { LocalPostgres } from './postgres.js';
import { LocalPrometheus } from './prometheus.js';
import { LocalSchemaRegistry } from './schema-registry.js';
import { LocalSecureCluster } from './secure-cluster.js';

const localDir = path.join(stateDir, 'local');
/** The brokers' JMX exporter rules: one file for both backends. */
const JMX_EXPORTER_CONFIG = path.join(dockerDir, 'cluster', 'jmx-exporter.yml');

/** The lab cluster: broker N on the base + N (19092…), its JMX exporter (workshop 10) on the base + 200 + N (19292…). */
function kafkaAt(base: number): LocalKafkaCluster {
  return new LocalKafkaCluster({ dir: path.join(localDir, 'kafka'), size: 3, portBase: base, metrics: brokerMetrics(base) });
}

/** The JMX exporter of a cluster whose brokers listen from `base`, as the lab cluster runs it (and the benchmarks time it). */
export function brokerMetrics(base: number): { portBase: number; exporterConfig: string } {
  return { portBase: base + 200, exporterConfig: JMX_EXPORTER_CONFIG };
}

/** PostgreSQL on the base + 340 (19432 by default): never 5432, where the machine's own may run. */
function postgresAt(base: number): LocalPostgres {
  return new LocalPostgres({ dir: path.join(localDir, 'postgres'), port: base + 340 });
}

/** The schema registry on the base + 289 (19381 by default), Apicurio behind it on the base + 290. */
function registryAt(base: number): LocalSchemaRegistry {
  return new LocalSchemaRegistry({ dir: path.join(localDir, 'registry'), port: base + 289, apicurioPort: base + 290 });
}

/** Workshop 8's SQL engine, Flink's SQL gateway, on the base + 360 (19452 by default); its jobs on + 361…379. */
function sqlAt(base: number): LocalFlinkSqlGateway {
  return new LocalFlinkSqlGateway({ dir: path.join(localDir, 'flink'), port: base + 360 });
}

/** Workshop 9's secured cluster: clients on the base + 450…452 (19542 by default), INTERNAL +500…, CONTROLLER +550…. */
function secureAt(base: number): LocalSecureCluster {
  return new LocalSecureCluster({ dir: path.join(localDir, 'secure'), portBase: base + 450 });
}

/** Workshop 10's Prometheus on the base + 380 (19472 by default); the lab's programs serve /metrics on + 381 and + 382. */
function prometheusAt(base: number): LocalPrometheus {
  return new LocalPrometheus({ dir: path.join(localDir, 'prometheus'), port: base + 380 });
}

/** Workshop 5's Elasticsearch on the base + 384 (19476 by default), its transport port + 385. */
function elasticsearchAt(base: number): LocalElasticsearch {
  return new LocalElasticsearch({ dir: path.join(localDir, 'elasticsearch'), port: base + 384, transportPort: base + 385 });
}

/** Workshop 5's Kafka Connect worker on the base + 383 (19475 by default), on the lab cluster, writing into Elasticsearch, reading Avro through the schema registry. */
function connectAt(base: number): LocalKafkaConnect {
  return new LocalKafkaConnect({ dir: path.join(localDir, 'connect'), port: base + 383, bootstrapServers: kafkaAt(base).bootstrapServers, elasticsearchUrl: elasticsearchAt(base).url, registryUrl: registryAt(base).url });
}

/** The services that run as one process each, by the name `pnpm lab status` shows, with their address. */
function processesAt(base: number): { name: string; service: { pid(): number | undefined; logFile: string }; address: string }[] {
  const [postgres, registry, sql, prometheus, elasticsearch, connect] = [postgresAt(base), registryAt(base), sqlAt(base), prometheusAt(base), elasticsearchAt(base), connectAt(base)];
  return [
    { name: 'postgres', service: postgres, address: `127.0.0.1:${postgres.port}` },
    { name: 'schema registry', service: registry, address: registry.url },
    { name: 'flink sql gateway', service: sql, address: sql.url },
    { name: 'prometheus', service: prometheus, address: prometheus.url },
    { name: 'elasticsearch', service: elasticsearch, address: elasticsearch.url },
    { name: 'kafka connect', service: connect, address: connect.url },
  ];
}

/**
 * Where the local services listen: the base they were started with while they run (the state remembers it),
 * else `LAB_PORT_BASE` (default 19092).
 */
export function localPorts(): PortState {
  const recorded = recordedPortBase(localDir);
  const running = recorded !== undefined && (
    [kafkaAt(recorded), secureAt(recorded)].some((cluster) => cluster.status().some((s) => s.running))
    || processesAt(recorded).some(({ service }) => service.pid() !== undefined));
  return resolvePorts(process.env.LAB_PORT_BASE, recorded, running);
}

export function portBase(): number {
  return localPorts().base;
}

export function localKafkaCluster(): LocalKafkaCluster {
  return kafkaAt(portBase());
}

/** One line per node of a cluster the backend runs (the lab cluster, workshop 9's secured cluster). */
function brokerStatuses(cluster: { status(): KafkaNodeStatus[] }, name: string): ServiceStatus[] {
  return cluster.status().map(({ node, pid }) => ({ service: `${name} ${node.id}`, running: pid !== undefined, pid, address: `127.0.0.1:${node.port}`, detail: node.logFile }));
}

/** No Docker: real services run as processes on 127.0.0.1, their state under `.state/local`. */
export class LocalBackend implements Backend {
  readonly name = 'local' as const;
  private readonly ports = localPorts();
  private readonly kafka = kafkaAt(this.ports.base);
  private readonly postgres = postgresAt(this.ports.base);
  private readonly registry = registryAt(this.ports.base);
  private readonly secure = secureAt(this.ports.base);
  private readonly sql = sqlAt(this.ports.base);
  private readonly prometheus = prometheusAt(this.ports.base);
  private readonly elasticsearch = elasticsearchAt(this.ports.base);
  private readonly connect = connectAt(this.ports.base);

  async up(services: ServiceName[], report: Report): Promise<Endpoints> {
    if (this.ports.conflict) throw new UserError(this.ports.conflict);
    recordPortBase(localDir, this.ports.base);
    const endpoints: Endpoints = {};
    // One after the other: the brokers' JVMs and PostgreSQL starting together only fight for 2 cores.
    if (services.includes('kafka')) {
      await this.kafka.start(report);
      endpoints.kafka = { bootstrapServers: this.kafka.bootstrapServers };
    }
    if (services.includes('postgres')) {
      await this.postgres.start(report);
      endpoints.postgres = { url: this.postgres.url };
    }
    if (services.includes('registry')) {
      await this.registry.start(report);
      endpoints.registry = { url: this.registry.url };
    }
    if (services.includes('sql')) {
      await this.sql.start(report);
      endpoints.sql = { engine: 'flink', url: this.sql.url };
    }
    if (services.includes('prometheus')) {
      await this.requireExporters();
      await this.prometheus.start(report);
      const base = this.ports.base;
      endpoints.prometheus = {
        url: this.prometheus.url,
        configDir: this.prometheus.configDir,
        targets: {
          ...Object.fromEntries(this.kafka.nodes.map((n) => [`BROKER_${n.id}_METRICS`, `127.0.0.1:${n.metricsPort}`])),
          PRODUCER_METRICS: `127.0.0.1:${base + 381}`,
          CONSUMER_METRICS: `127.0.0.1:${base + 382}`,
        },
      };
    }
    // Elasticsearch's start is mostly waiting: the worker (on the cluster) starts meanwhile.
    await Promise.all([
      services.includes('elasticsearch') && this.elasticsearch.start(report).then(() => {
        endpoints.elasticsearch = { url: this.elasticsearch.url };
      }),
      services.includes('connect') && this.connect.start(report).then(() => {
        endpoints.connect = { url: this.connect.url };
      }),
    ]);
    return endpoints;
  }

  async down({ wipe = false } = {}): Promise<void> {
    const all = [this.kafka, this.postgres, this.registry, this.sql, this.secure, this.prometheus, this.connect, this.elasticsearch];
    await Promise.all(all.map((service) => service.stop()));
    forgetPortBase(localDir);
    if (wipe) for (const service of all) service.removeData();
  }

  async status(): Promise<ServiceStatus[]> {
    return [
      ...brokerStatuses(this.kafka, 'kafka broker'),
      ...processesAt(this.ports.base).map(({ name, service, address }) => {
        const pid = service.pid();
        return { service: name, running: pid !== undefined, pid, address, detail: service.logFile };
      }),
      ...brokerStatuses(this.secure, 'secured broker'),
    ];
  }

  /** Brokers started by a version of the course without the JMX exporter serve no metrics: an environment problem. */
  private async requireExporters(): Promise<void> {
    for (const { node, running } of this.kafka.status()) {
      if (!running) continue;
      const answer = await fetch(`http://127.0.0.1:${node.metricsPort}/metrics`, { method: 'HEAD', signal: AbortSignal.timeout(5000) }).catch(() => undefined);
      if (!answer) throw new EnvironmentError(`Kafka broker ${node.id} runs without its JMX exporter (started before the course had one): restart the cluster with \`pnpm lab down\`, then \`pnpm lab 10\``);
    }
  }

  stopBroker(id: number): Promise<void> {
    return this.kafka.stopBroker(id);
  }

  startBroker(id: number): Promise<void> {
    if (this.ports.conflict) throw new UserError(this.ports.conflict);
    return this.kafka.startBroker(id);
  }

  startSecureCluster(labDir: string, report: Report): Promise<SecureEndpoints> {
    if (this.ports.conflict) throw new UserError(this.ports.conflict);
    recordPortBase(localDir, this.ports.base);
    return this.secure.start(labDir, report);
  }

  async stopSecureCluster({ wipe = false } = {}): Promise<void> {
    await this.secure.stop();
    if (wipe) this.secure.removeData();
  }
}
