import fs from 'node:fs';
import path from 'node:path';
import { FLINK_KAFKA_CONNECTOR_VERSION, FLINK_VERSION } from '../../versions.js';
import { fetchJars, findJava } from './java.js';
import { SingleProcessService } from './single-process.js';

type Report = (text: string) => void;

/** How many jobs (each a local mini cluster with a REST port of its own, after the gateway's) may run at once. */
export const JOB_PORTS = 19;

/**
 * Workshop 8's SQL engine without Docker: Apache Flink's SQL Gateway (real Flink, from Maven Central), whose REST
 * API takes SQL statements in sessions. Each INSERT runs as a job in a local mini cluster inside the gateway's
 * JVM. Tables live in each session's in-memory catalog; jobs stop with the gateway.
 */
export class LocalFlinkSqlGateway extends SingleProcessService {
  constructor(private readonly options: { dir: string; port: number }) {
    super(options.dir, { name: 'the Flink SQL gateway', log: 'sql-gateway.log', commandLineHas: () => ['SqlGateway', options.dir] });
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  async start(report: Report): Promise<void> {
    if (await this.running()) return;
    await this.stop();
    await this.requireFreePorts(this.options.port, this.options.port + 1);
    const java = await findJava();
    const jars = await fetchJars('flink', report, { 'flink.version': FLINK_VERSION, 'flink.kafka.version': FLINK_KAFKA_CONNECTOR_VERSION });
    fs.mkdirSync(this.options.dir, { recursive: true });
    fs.writeFileSync(path.join(this.options.dir, 'config.yaml'), this.config());
    fs.writeFileSync(path.join(this.options.dir, 'log4j2.properties'), LOG4J2);
    report('starting the Flink SQL gateway');
    await this.launch(java, [
      '-Xms128m', '-Xmx768m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1',
      // Flink serializes some JDK collections by reflection (its launch scripts open the same packages).
      '--add-opens=java.base/java.util=ALL-UNNAMED', '--add-opens=java.base/java.lang=ALL-UNNAMED', '--add-opens=java.base/java.time=ALL-UNNAMED',
      `-Dlog4j.configurationFile=${path.join(this.options.dir, 'log4j2.properties')}`,
      '-cp', path.join(jars, '*'), 'org.apache.flink.table.gateway.SqlGateway',
    ], { env: { ...process.env, FLINK_CONF_DIR: this.options.dir }, timeoutMs: 90_000 });
  }

  async answers(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/v1/info`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false;
    }
  }

  /** The gateway on its port; every job's mini cluster on one of the next JOB_PORTS ports. */
  private config(): string {
    const port = this.options.port;
    return [
      'sql-gateway.endpoint.rest.address: 127.0.0.1',
      'sql-gateway.endpoint.rest.bind-address: 127.0.0.1',
      `sql-gateway.endpoint.rest.port: ${port}`,
      `sql-gateway.endpoint.rest.bind-port: ${port}`,
      'rest.address: 127.0.0.1',
      'rest.bind-address: 127.0.0.1',
      `rest.bind-port: ${port + 1}-${port + JOB_PORTS}`,
      'execution.target: local',
      'parallelism.default: 1',
      // A laptop's jobs: small network buffers and managed memory.
      'taskmanager.memory.network.min: 16mb',
      'taskmanager.memory.network.max: 16mb',
      'taskmanager.memory.managed.size: 32mb',
      '',
    ].join('\n');
  }
}

const LOG4J2 = `rootLogger.level = WARN
rootLogger.appenderRef.console.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
logger.gateway.name = org.apache.flink.table.gateway
logger.gateway.level = INFO
`;
