import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { EnvironmentError } from '../../cli/errors.js';
import { repoRoot, stateDir } from '../../paths.js';
import { KAFKA_VERSION } from '../../versions.js';
import { fetchJars, findJava } from './java.js';
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
 * Compiles the course's plugins with the JDK's javac against the worker's jars, once per version of their
 * sources. Returns the plugin path (a folder holding one folder per plugin).
 */
async function buildPlugins(java: string, jars: string, report: Report): Promise<string> {
  const files = fs.readdirSync(PLUGIN_SOURCES, { recursive: true, encoding: 'utf8' }).map((f) => path.join(PLUGIN_SOURCES, f)).filter((f) => fs.statSync(f).isFile()).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(fs.readFileSync(file));
  const pluginPath = path.join(stateDir, 'jars', `connect-plugins-${hash.digest('hex').slice(0, 10)}`);
  const jar = path.join(pluginPath, 'kafka-labs-plugins', 'kafka-labs-plugins.jar');
  if (fs.existsSync(jar)) return pluginPath;
  report('building the course\'s Elasticsearch sink connector and Avro converter (first run only)');
  const bin = path.dirname(java) === '.' ? '' : path.dirname(java);
  const classes = `${pluginPath}.classes`;
  fs.rmSync(classes, { recursive: true, force: true });
  const javac = await execa(path.join(bin, 'javac'), ['-d', classes, '-cp', path.join(jars, '*'), ...files.filter((f) => f.endsWith('.java'))], { reject: false, all: true });
  if (javac.exitCode !== 0) throw new EnvironmentError(`javac could not build the course's Connect plugins (a JDK, not only a JRE, is needed): ${javac.all?.split('\n')[0]}`);
  fs.mkdirSync(path.dirname(jar), { recursive: true });
  // With their ServiceLoader manifests, the worker finds the plugins without scanning every class of the jar.
  await execa(path.join(bin, 'jar'), ['cf', jar, '-C', classes, '.', '-C', PLUGIN_SOURCES, 'META-INF']);
  fs.rmSync(classes, { recursive: true, force: true });
  return pluginPath;
}
