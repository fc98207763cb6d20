import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../paths.js';
import { KAFKA_VERSION } from '../../versions.js';
import { buildJar, fetchJars, findJava } from './java.js';
import { SingleProcessService } from './single-process.js';

type Report = (text: string) => void;

const RUNTIME = path.join(repoRoot, 'scripts', 'runtime', 'connect');
/**
 * The sources of the course's own plugins, an Elasticsearch sink connector and an Avro converter (Confluent's are
 * not on Maven Central): built at setup.
 */
const PLUGIN_SOURCES = path.join(RUNTIME, 'plugins');

/**
 * Workshop 5's Kafka Connect without Docker: one distributed worker of Apache Kafka's own Connect (Maven
 * Central), on the lab cluster, its REST API on 127.0.0.1, with the course's plugins on its plugin path.
 * Connectors may read `${env:ELASTICSEARCH_URL}` and `${env:SCHEMA_REGISTRY_URL}` (Kafka's EnvVarConfigProvider):
 * where the worker reaches Elasticsearch and the schema registry.
 */
export class LocalKafkaConnect extends SingleProcessService {
  constructor(private readonly options: { dir: string; port: number; bootstrapServers: string[]; elasticsearchUrl: string; registryUrl: string }) {
    super(options.dir, { name: 'Kafka Connect', log: 'connect.log', commandLineHas: () => [path.join(options.dir, 'worker.properties')] });
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  private get workerFile(): string {
    return path.join(this.options.dir, 'worker.properties');
  }

  async start(report: Report): Promise<void> {
    const java = await findJava();
    const jars = await fetchJars('connect', report, { 'kafka.version': KAFKA_VERSION });
    const properties = this.workerProperties(await buildPlugins(java, jars, report));
    // A worker started with other plugins or addresses (an older version of the course) is restarted.
    const current = fs.existsSync(this.workerFile) ? fs.readFileSync(this.workerFile, 'utf8') : '';
    if (current === properties && (await this.running())) return;
    await this.stop();
    await this.requireFreePorts(this.options.port);
    fs.mkdirSync(this.options.dir, { recursive: true });
    fs.writeFileSync(this.workerFile, properties);
    report('starting Kafka Connect');
    await this.launch(java, [
      '-Xms64m', '-Xmx384m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1',
      `-Dlog4j.configuration=file:${path.join(RUNTIME, 'log4j.properties')}`,
      '-cp', path.join(jars, '*'),
      'org.apache.kafka.connect.cli.ConnectDistributed', this.workerFile,
    ], { env: { ...process.env, ELASTICSEARCH_URL: this.options.elasticsearchUrl, SCHEMA_REGISTRY_URL: this.options.registryUrl }, timeoutMs: 120_000 });
  }

  /** The REST API answers once the worker has joined its group (before, it answers 409 or not at all). */
  async answers(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/connectors`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false;
    }
  }

  private workerProperties(pluginPath: string): string {
    return `# Written by the tool at each start of the worker.
# Its environment: ELASTICSEARCH_URL=${this.options.elasticsearchUrl} SCHEMA_REGISTRY_URL=${this.options.registryUrl}
bootstrap.servers=${this.options.bootstrapServers.join(',')}
group.id=kafka-labs-connect
config.storage.topic=connect-configs
offset.storage.topic=connect-offsets
status.storage.topic=connect-status
offset.storage.partitions=5
status.storage.partitions=5
# Sink offsets are committed every second: a paused or restarted connector resumes where it was.
offset.flush.interval.ms=1000
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=false
value.converter.schemas.enable=false
listeners=http://127.0.0.1:${this.options.port}
rest.advertised.host.name=127.0.0.1
rest.advertised.port=${this.options.port}
plugin.path=${pluginPath}
config.providers=env
config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
`;
  }
}

/**
 * The course's plugins, built once: the plugin path holds their one jar (Connect takes a jar there for one plugin).
 * With their ServiceLoader manifests, the worker finds them without scanning every class of the jar.
 */
async function buildPlugins(java: string, jars: string, report: Report): Promise<string> {
  const jar = await buildJar(java, { name: 'kafka-labs-connect-plugins', sources: PLUGIN_SOURCES, classpath: path.join(jars, '*'), what: 'the course\'s Elasticsearch sink connector and Avro converter' }, report);
  return path.dirname(jar);
}
