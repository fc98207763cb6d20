import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dockerDir, labsDir, repoRoot } from '../../paths.js';
import { POSTGRES_IMAGE } from '../../versions.js';

/**
 * What the stacks rely on in each pinned image, read in that image's own sources (cited): where it keeps its
 * data, the variables it reads, how its tools start. A pin bump must re-read the source and update the fact.
 */
interface Service {
  image?: string;
  volumes?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
}
const stack = (folder: string) => (parse(fs.readFileSync(path.join(dockerDir, folder, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> }).services;

describe('the pinned images, as their sources describe them', () => {
  it('postgres 18+: one volume at /var/lib/postgresql (docker-library/postgres 18/*/docker-entrypoint.sh refuses /var/lib/postgresql/data)', () => {
    const major = Number(/^postgres:(\d+)/.exec(POSTGRES_IMAGE)![1]);
    const volumes = stack('postgres')['consumer-postgresql']!.volumes ?? [];
    expect(volumes.map((v) => v.split(':')[1])).toEqual([major >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data']);
  });

  it('apache/kafka: data in /var/lib/kafka/data, tools in /opt/kafka/bin, a mounted server.properties in /mnt/shared/config (apache/kafka docker/jvm/Dockerfile, docker/resources/common-scripts/configure)', () => {
    for (const [name, broker] of Object.entries(stack('cluster')).filter(([n]) => /^kafka-\d$/.test(n))) {
      expect(broker.volumes, name).toEqual([`${name}-data:/var/lib/kafka/data`]);
      expect(broker.environment?.KAFKA_LOG_DIRS, name).toBe('/var/lib/kafka/data');
      expect(broker.healthcheck?.test.join(' '), name).toContain('/opt/kafka/bin/');
    }
    for (const broker of Object.values(stack('secure'))) {
      expect(broker.volumes?.some((v) => v.endsWith(':/mnt/shared/config/server.properties:ro'))).toBe(true);
    }
  });

  it('apache/kafka: `docker exec` of a tool inherits the container\'s KAFKA_OPTS (bin/kafka-run-class.sh passes it to every JVM): every README command that runs a tool in a broker clears it', () => {
    const readmes = [path.join(repoRoot, 'README.md'), ...fs.readdirSync(labsDir).map((lab) => path.join(labsDir, lab, 'README.md'))].filter((f) => fs.existsSync(f));
    const commands = readmes.flatMap((file) => (fs.readFileSync(file, 'utf8').replace(/\n\s*/g, ' ').match(/`docker exec [^`]*`/g) ?? []).map((c) => [path.relative(repoRoot, file), c] as const));
    const onBrokers = commands.filter(([, c]) => / (secure-)?kafka-\d /.test(c) && /kafka-[\w-]+\.sh| bash`/.test(c));
    expect(onBrokers.length).toBeGreaterThan(0);
    for (const [file, command] of onBrokers) expect(command, file).toMatch(/ -e KAFKA_OPTS= /);
  });

  it('apache/kafka: the broker health check runs its tool without the JMX agent', () => {
    for (const [name, broker] of Object.entries(stack('cluster')).filter(([n]) => /^kafka-\d$/.test(n))) {
      expect(broker.healthcheck?.test.join(' '), name).toMatch(/KAFKA_OPTS= \/opt\/kafka\/bin\//);
    }
  });

  it('prom/prometheus: a busybox base, so the health check has wget; the configuration read from /etc/prometheus (prometheus/prometheus Dockerfile: FROM quay.io/prometheus/busybox-${OS}-${ARCH})', () => {
    const prometheus = stack('monitoring').prometheus! as Service & { command?: string[] };
    expect(prometheus.healthcheck?.test.slice(0, 2)).toEqual(['CMD', 'wget']);
    expect(prometheus.volumes?.some((v) => v.endsWith(':/etc/prometheus:ro'))).toBe(true);
    expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
  });

  it('grafana/grafana: provisioning read from /etc/grafana/provisioning (grafana/grafana Dockerfile, GF_PATHS_PROVISIONING)', () => {
    expect(stack('monitoring').grafana!.volumes?.some((v) => v.endsWith(':/etc/grafana/provisioning:ro'))).toBe(true);
  });

  it('Confluent\'s images (schema registry, Connect, ksqlDB): their settings from prefixed variables, curl for the health checks (confluentinc/*-images, each image\'s docker/configure)', () => {
    const prefixes: [string, string, string][] = [['registry', 'schema-registry', 'SCHEMA_REGISTRY_'], ['connect', 'kafka-connect', 'CONNECT_'], ['ksqldb', 'ksqldb-server', 'KSQL_']];
    for (const [folder, name, prefix] of prefixes) {
      const service = stack(folder)[name]!;
      expect(Object.keys(service.environment ?? {}).filter((k) => k.endsWith('BOOTSTRAP_SERVERS')), name).toEqual([`${prefix}${prefix === 'SCHEMA_REGISTRY_' ? 'KAFKASTORE_' : ''}BOOTSTRAP_SERVERS`]);
      expect(service.healthcheck?.test.join(' '), name).toMatch(/curl -sf http:\/\/localhost:/);
    }
  });

  it('Elasticsearch: single-node discovery and no security for a lab, curl in the image for the health check (Elastic\'s own docker-compose example checks health with curl)', () => {
    const elasticsearch = stack('elasticsearch').elasticsearch!;
    expect(elasticsearch.environment).toMatchObject({ 'discovery.type': 'single-node', 'xpack.security.enabled': 'false' });
    expect(elasticsearch.healthcheck?.test.join(' ')).toMatch(/curl -sf http:\/\/localhost:9200/);
  });

  it('confluentinc/cp-kafka-connect: confluent-hub installs into /usr/share/confluent-hub-components, which plugin.path must list (confluentinc/kafka-images, kafka-connect/Dockerfile.ubi9)', () => {
    const connect = stack('connect')['kafka-connect']!;
    expect(connect.environment?.CONNECT_PLUGIN_PATH?.split(',')).toContain('/usr/share/confluent-hub-components');
  });
});
