import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dockerDir, repoRoot } from '../../paths.js';
import { FLINK_IMAGE, FLINK_KAFKA_CONNECTOR_VERSION, ELASTICSEARCH_IMAGE, ELASTICSEARCH_SINK_CONNECTOR, GRAFANA_IMAGE, KAFKA_CONNECT_IMAGE, KIBANA_IMAGE, JMX_EXPORTER_VERSION, KAFKA_VERSION, KSQLDB_CLI_IMAGE, PROMETHEUS_IMAGE, KSQLDB_SERVER_IMAGE, POSTGRES_DATABASE, POSTGRES_IMAGE, POSTGRES_PASSWORD, POSTGRES_USER, SCHEMA_REGISTRY_IMAGE } from '../../versions.js';

interface ComposeService {
  image?: string;
  build?: string | { context: string; args?: Record<string, string> };
  healthcheck?: unknown;
  ports?: string[];
}

const composeFiles = fs.readdirSync(dockerDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => path.basename(f) === 'compose.yaml')
  .map((f) => path.join(dockerDir, f));

/** A service's image, or the default of its `${VAR:-default}` (what trainees get). */
const imageOf = (service: ComposeService) => service.image?.replace(/^\$\{\w+:-(.*)\}$/, '$1');

const servicesOf = (file: string) => Object.entries((parse(fs.readFileSync(file, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> }).services);

/** Official images of the projects the course uses (the Bitnami images of the original workbook are gone). */
const ALLOWED_IMAGES = /^(apache\/kafka|flink:|confluentinc\/|postgres|dpage\/pgadmin4|docker\.elastic\.co\/|prom\/|grafana\/|tchiotludo\/akhq|docker\.redpanda\.com\/redpandadata\/console|apicurio\/)/;

/** The folder of a service that compose builds (docker/<folder>/Dockerfile), and the base image its Dockerfile starts from by default. */
function builtFrom(file: string, service: ComposeService): string {
  const context = typeof service.build === 'string' ? service.build : service.build!.context;
  const dockerfile = fs.readFileSync(path.join(path.dirname(file), context, 'Dockerfile'), 'utf8');
  const from = /^FROM (\S+)/m.exec(dockerfile)![1]!;
  // FROM ${KAFKA_IMAGE}: the ARG's default, which compose's build args default to as well.
  return from.replace(/\$\{(\w+)\}/, (_, arg: string) => new RegExp(`^ARG ${arg}=(\\S+)`, 'm').exec(dockerfile)![1]!);
}

// No Docker engine runs where the tests run: the stacks are validated statically.
describe('docker compose stacks', () => {
  it('exist', () => {
    expect(composeFiles.map((f) => path.relative(dockerDir, f))).toContain(path.join('cluster', 'compose.yaml'));
  });

  it('follow the compose specification (dclint, schema and safety rules)', async () => {
    const dclint = path.join(repoRoot, 'scripts', 'node_modules', '.bin', 'dclint');
    const result = await execa(dclint, ['--config', path.join(dockerDir, 'dclint.yaml'), '--color', 'false', ...composeFiles], { reject: false });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  });

  it.each(composeFiles)('%s pins official images (or builds on one) and publishes ports on 127.0.0.1 only', (file) => {
    for (const [name, service] of servicesOf(file)) {
      if (service.build) expect(builtFrom(file, service), `${name}: the base of its Dockerfile`).toMatch(ALLOWED_IMAGES);
      else expect(imageOf(service), `${name}: image`).toMatch(ALLOWED_IMAGES);
      const image = imageOf(service);
      expect(image, `${name}: a pinned tag`).toMatch(/:[\w.-]+$/);
      expect(image, `${name}: not latest`).not.toMatch(/:latest$/);
      for (const port of service.ports ?? []) expect(port, `${name}: ports`).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('run the Kafka version the local backend runs, with a health check on every broker', () => {
    const kafkaServices = composeFiles.flatMap((file) => servicesOf(file).map(([name, s]) => [name, s.build ? builtFrom(file, s) : imageOf(s), s] as const)).filter(([, image]) => image?.startsWith('apache/kafka'));
    expect(kafkaServices.length).toBe(6);
    for (const [name, image, service] of kafkaServices) {
      expect(image, name).toBe(`apache/kafka:${KAFKA_VERSION}`);
      expect(service.healthcheck, `${name}: healthcheck`).toBeDefined();
      if (typeof service.build === 'object') expect(service.build.args?.KAFKA_IMAGE, `${name}: the build's base`).toBe(`\${KAFKA_IMAGE:-apache/kafka:${KAFKA_VERSION}}`);
    }
  });

  it('run workshop 3\'s PostgreSQL as the backends expect it: the pinned image, the workbook\'s credentials, pgAdmin on 81', () => {
    const services = Object.fromEntries(servicesOf(path.join(dockerDir, 'postgres', 'compose.yaml'))) as Record<string, ComposeService & { environment?: Record<string, string> }>;
    expect(services['consumer-postgresql']).toMatchObject({
      image: POSTGRES_IMAGE,
      environment: { POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB: POSTGRES_DATABASE },
      ports: ['127.0.0.1:15432:5432'],
    });
    expect(services['consumer-postgresql']!.healthcheck).toBeDefined();
    expect(services.pgadmin?.ports).toEqual(['127.0.0.1:81:80']);
  });

  it('run the schema registry of workshops 4 and 7 on the cluster\'s brokers, on localhost:8081, shown by Redpanda Console', () => {
    const registry = Object.fromEntries(servicesOf(path.join(dockerDir, 'registry', 'compose.yaml')))['schema-registry'] as ComposeService & { environment?: Record<string, string> };
    expect(registry).toMatchObject({ image: SCHEMA_REGISTRY_IMAGE, ports: ['127.0.0.1:8081:8081'] });
    expect(registry.environment?.SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS).toBe('PLAINTEXT://kafka-0:19092,PLAINTEXT://kafka-1:19092,PLAINTEXT://kafka-2:19092');
    expect(registry.healthcheck).toBeDefined();
    const console = Object.fromEntries(servicesOf(path.join(dockerDir, 'cluster', 'compose.yaml')))['redpanda-console'] as ComposeService & { environment?: Record<string, string> };
    // Console v2 reads kafka.schemaRegistry (redpanda-data/console v2.8, docs/config/console.yaml); SCHEMAREGISTRY_* is v3's, ignored by v2.
    expect(console.image).toMatch(/:v2\./);
    expect(console.environment).toMatchObject({ KAFKA_SCHEMAREGISTRY_ENABLED: 'true', KAFKA_SCHEMAREGISTRY_URLS: 'http://schema-registry:8081' });
    expect(Object.keys(console.environment ?? {}).filter((k) => k.startsWith('SCHEMAREGISTRY_')), 'v3\'s names, ignored by v2').toEqual([]);
  });

  it('run workshop 8\'s ksqlDB (server on localhost:8088 on the cluster\'s brokers, and the workbook\'s console) with the pinned images', () => {
    const services = Object.fromEntries(servicesOf(path.join(dockerDir, 'ksqldb', 'compose.yaml'))) as Record<string, ComposeService & { environment?: Record<string, string> }>;
    expect(services['ksqldb-server']).toMatchObject({ image: KSQLDB_SERVER_IMAGE, ports: ['127.0.0.1:8088:8088'] });
    expect(services['ksqldb-server']!.environment?.KSQL_BOOTSTRAP_SERVERS).toBe('kafka-0:19092,kafka-1:19092,kafka-2:19092');
    expect(services['ksqldb-server']!.healthcheck).toBeDefined();
    expect(services['ksqldb-cli']?.image).toBe(KSQLDB_CLI_IMAGE);
  });

  it('run workshop 9\'s secured cluster from a lab folder\'s config/ and ssl/, all three nodes in one network namespace, publishing its listeners on 127.0.0.1', () => {
    const services = servicesOf(path.join(dockerDir, 'secure', 'compose.yaml')) as [string, ComposeService & { volumes?: string[]; environment?: Record<string, string | number> }][];
    expect(services.map(([name]) => name)).toEqual(['kafka-0', 'kafka-1', 'kafka-2']);
    for (const [name, service] of services) {
      expect(service.volumes?.some((v) => v.includes('/config/broker.properties:/mnt/shared/config/server.properties')), `${name}: the lab's broker.properties as server.properties`).toBe(true);
      expect(service.volumes?.some((v) => v.includes('/ssl:/etc/kafka/secrets')), `${name}: the lab's ssl/`).toBe(true);
      expect(service.environment?.KAFKA_OPTS, `${name}: the lab's JAAS file`).toContain('kafka_server_jaas.conf');
      expect(service.environment?.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP, `${name}: the protocols are the lab's (broker.properties), not the compose file's`).toBeUndefined();
      expect(service.volumes?.some((v) => v.endsWith(':/lab:ro')), `${name}: the lab folder, where its tools run`).toBe(true);
    }
    // One network namespace for the three nodes, as 127.0.0.1 is without Docker: every port on kafka-0.
    const byName = Object.fromEntries(services);
    expect(byName['kafka-0']!.ports).toEqual([9192, 9193, 9194].map((p) => `127.0.0.1:${p}:${p}`).concat(['9195:19092', '9196:19093', '9197:19094', '9198:29093', '9199:29094', '9200:29095'].map((p) => `127.0.0.1:${p}`)));
    for (const name of ['kafka-1', 'kafka-2']) expect((byName[name] as { network_mode?: string }).network_mode, name).toBe('service:kafka-0');
  });

  it('run workshop 10\'s monitoring: the JMX exporter of the local backend in every broker, the pinned Prometheus and Grafana', () => {
    const cluster = servicesOf(path.join(dockerDir, 'cluster', 'compose.yaml')) as [string, ComposeService & { command?: string[]; environment?: Record<string, string>; healthcheck?: { test: string[] } }][];
    // Built into the brokers' image once and verified, never fetched at a container's start (a truncated download).
    expect(Object.keys(Object.fromEntries(cluster)), 'no one-shot fetcher').not.toContain('jmx-exporter');
    const dockerfile = fs.readFileSync(path.join(dockerDir, 'cluster', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`ARG JMX_EXPORTER_VERSION=${JMX_EXPORTER_VERSION}`);
    expect(dockerfile).toMatch(/sha256sum -c/);
    for (const [name, service] of cluster.filter(([n]) => /^kafka-\d$/.test(n))) {
      expect(service.environment?.KAFKA_OPTS, `${name}: the agent on port 7071 with the rules of jmx-exporter.yml`).toBe('-javaagent:/opt/jmx-exporter/jmx_prometheus_javaagent.jar=7071:/etc/jmx-exporter/kafka-broker.yml');
      // The health check runs a Kafka tool, which would start a second agent on the same port and fail.
      expect(service.healthcheck?.test.join(' '), `${name}: the health check runs without the agent`).toMatch(/KAFKA_OPTS= /);
    }
    const monitoring = Object.fromEntries(servicesOf(path.join(dockerDir, 'monitoring', 'compose.yaml'))) as Record<string, ComposeService & { command?: string[]; volumes?: string[] }>;
    expect(monitoring.prometheus?.image).toBe(PROMETHEUS_IMAGE);
    expect(monitoring.prometheus?.command, 'reloads a lab\'s configuration').toContain('--web.enable-lifecycle');
    expect(monitoring.grafana?.image).toBe(GRAFANA_IMAGE);
    expect(monitoring.grafana?.volumes?.some((v) => v.endsWith('/monitoring/grafana/provisioning:/etc/grafana/provisioning:ro')), 'the lab\'s provisioning').toBe(true);
    expect(fs.existsSync(path.join(dockerDir, 'cluster', 'jmx-exporter.yml')), 'the exporter\'s rules').toBe(true);
  });

  it('run workshop 5\'s Elasticsearch, Kibana and Kafka Connect, with Confluent\'s sink and the settings the lab\'s one connector configuration relies on', () => {
    const elastic = Object.fromEntries(servicesOf(path.join(dockerDir, 'elasticsearch', 'compose.yaml'))) as Record<string, ComposeService & { environment?: Record<string, string> }>;
    expect(elastic.elasticsearch).toMatchObject({ image: ELASTICSEARCH_IMAGE, ports: ['127.0.0.1:9200:9200'] });
    expect(elastic.elasticsearch?.environment).toMatchObject({ 'discovery.type': 'single-node', 'xpack.security.enabled': 'false' });
    expect(elastic.kibana?.image).toBe(KIBANA_IMAGE);
    const connectFile = path.join(dockerDir, 'connect', 'compose.yaml');
    const connect = Object.fromEntries(servicesOf(connectFile))['kafka-connect'] as ComposeService & { command?: string[]; environment?: Record<string, string | number> };
    expect(connect).toMatchObject({ ports: ['127.0.0.1:8083:8083'] });
    expect(builtFrom(connectFile, connect)).toBe(KAFKA_CONNECT_IMAGE);
    // Installed when the image is built: at every start, an offline laptop's worker would crash in a loop.
    expect(connect.command, 'no install at start').toBeUndefined();
    expect(fs.readFileSync(path.join(dockerDir, 'connect', 'Dockerfile'), 'utf8'), 'Confluent\'s Elasticsearch sink').toContain(`RUN confluent-hub install --no-prompt ${ELASTICSEARCH_SINK_CONNECTOR}`);
    expect(connect.environment).toMatchObject({
      CONNECT_BOOTSTRAP_SERVERS: 'kafka-0:19092,kafka-1:19092,kafka-2:19092',
      // `${env:ELASTICSEARCH_URL}` in the lab's configuration: the local worker has the same provider.
      CONNECT_CONFIG_PROVIDERS: 'env',
      CONNECT_CONFIG_PROVIDERS_ENV_CLASS: 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
      ELASTICSEARCH_URL: 'http://elasticsearch:9200',
      SCHEMA_REGISTRY_URL: 'http://schema-registry:8081',
      CONNECT_KEY_CONVERTER: 'org.apache.kafka.connect.json.JsonConverter',
      CONNECT_VALUE_CONVERTER_SCHEMAS_ENABLE: 'false',
    });
    expect(connect.healthcheck).toBeDefined();
  });

  it('run workshop 8\'s other engine, Flink SQL\'s gateway, on Flink\'s official image with the local backend\'s Kafka connector, on the cluster\'s network', () => {
    const file = path.join(dockerDir, 'flink', 'compose.yaml');
    const gateway = Object.fromEntries(servicesOf(file))['flink-sql-gateway'] as ComposeService & { command?: string[] };
    expect(builtFrom(file, gateway)).toBe(FLINK_IMAGE);
    expect(typeof gateway.build === 'object' && gateway.build.args?.FLINK_IMAGE).toBe(`\${FLINK_IMAGE:-${FLINK_IMAGE}}`);
    const dockerfile = fs.readFileSync(path.join(dockerDir, 'flink', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`ARG FLINK_KAFKA_CONNECTOR_VERSION=${FLINK_KAFKA_CONNECTOR_VERSION}`);
    expect(dockerfile).toMatch(/sha256sum -c/);
    expect(gateway.command, 'jobs in the gateway\'s process, as without Docker').toContain('-Dexecution.target=local');
    expect(gateway.ports).toEqual(['127.0.0.1:18083:8083']);
    expect(gateway.healthcheck).toBeDefined();
  });

  it('name their containers after the workbook or kafka-labs-*, never a generic name another project uses (prometheus, grafana, …)', () => {
    const WORKBOOK_NAMES = /^(secure-)?kafka-\d$|^(consumer-postgresql|schema-registry|ksqldb-server|ksqldb-cli|kafka-connect)$/;
    for (const file of composeFiles) {
      for (const [name, service] of servicesOf(file) as [string, ComposeService & { container_name?: string }][]) {
        expect(service.container_name ?? name, `${path.relative(dockerDir, file)}: ${name}`).toMatch(new RegExp(`${WORKBOOK_NAMES.source}|^kafka-labs-`));
      }
    }
  });

  it('name the workbook brokers kafka-0, kafka-1 and kafka-2', () => {
    const names = servicesOf(path.join(dockerDir, 'cluster', 'compose.yaml')).map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['kafka-0', 'kafka-1', 'kafka-2', 'akhq', 'redpanda-console']));
  });
});
