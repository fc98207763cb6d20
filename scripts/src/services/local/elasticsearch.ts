import fs from 'node:fs';
import path from 'node:path';
import { stateDir } from '../../paths.js';
import { ELASTICSEARCH_VERSION } from '../../versions.js';
import { findJava, fromMavenCentral, javaHome } from './java.js';
import { asRoot, copyForServiceUser, giveToServiceUser, serviceHome, serviceUser, SERVICE_HOME } from './service-user.js';
import { SingleProcessService } from './single-process.js';

type Report = (text: string) => void;

const ARTIFACT = `org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ELASTICSEARCH_VERSION}:zip`;

/**
 * Workshop 5's Elasticsearch without Docker: the distribution Elasticsearch publishes on Maven Central (its
 * integration-test build: the server and 4 modules, no security, no ingest pipelines), one node on 127.0.0.1.
 * It refuses to run as root: as root, it runs as the tool's service user, from a copy that user can reach.
 */
export class LocalElasticsearch extends SingleProcessService {
  /** Configuration and data: in `dir`, or (as root) in a folder of SERVICE_HOME. */
  private readonly home: string;

  constructor(private readonly options: { dir: string; port: number; transportPort: number }) {
    // Its launcher's command line names the distribution it runs.
    super(options.dir, { name: 'Elasticsearch', log: 'elasticsearch.log', commandLineHas: () => [installDir()] });
    this.home = serviceHome(options.dir);
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  private get configDir(): string {
    return path.join(this.home, 'config');
  }

  async start(report: Report): Promise<void> {
    if (await this.running()) return;
    await this.stop();
    await this.requireFreePorts(this.options.port, this.options.transportPort);
    const java = await findJava();
    const owner = serviceUser('Elasticsearch');
    const install = await distribution(report);
    giveToServiceUser(this.configure(install), owner);
    report('starting Elasticsearch');
    // The launcher stops the node it started when it is stopped.
    await this.launch(path.join(install, 'bin', 'elasticsearch'), [], {
      // Not the checkout: the service user may not enter it.
      cwd: install,
      uid: owner?.uid,
      gid: owner?.gid,
      env: {
        ...process.env,
        ES_JAVA_HOME: await javaHome(java),
        ES_PATH_CONF: this.configDir,
        ES_JAVA_OPTS: '-Xms512m -Xmx512m',
        ES_TMPDIR: path.join(this.home, 'tmp'),
      },
      timeoutMs: 120_000,
    });
  }

  override removeData(): void {
    super.removeData();
    fs.rmSync(this.home, { recursive: true, force: true });
  }

  /** The cluster answers, and its one node holds no unassigned primary. */
  async answers(): Promise<boolean> {
    try {
      const answer = await fetch(`${this.url}/_cluster/health`, { signal: AbortSignal.timeout(2000) });
      return answer.ok && ['green', 'yellow'].includes(((await answer.json()) as { status: string }).status);
    } catch {
      return false;
    }
  }

  /**
   * The distribution's configuration, and ours: one node, on 127.0.0.1, no security (a lab's machine). Returns
   * what it wrote (the node writes into its folders as the service user).
   */
  private configure(install: string): string[] {
    const folders = [this.home, this.configDir, ...['data', 'logs', 'tmp'].map((dir) => path.join(this.home, dir))];
    for (const folder of folders) fs.mkdirSync(folder, { recursive: true });
    const config = (file: string) => path.join(this.configDir, file);
    for (const file of ['jvm.options', 'log4j2.properties']) fs.copyFileSync(path.join(install, 'config', file), config(file));
    fs.writeFileSync(config('elasticsearch.yml'), [
      'cluster.name: kafka-labs',
      'discovery.type: single-node',
      'network.host: 127.0.0.1',
      `http.port: ${this.options.port}`,
      `transport.port: ${this.options.transportPort}`,
      'xpack.security.enabled: false',
      `path.data: ${path.join(this.home, 'data')}`,
      `path.logs: ${path.join(this.home, 'logs')}`,
      // A lab's disk may be nearly full: the node must still accept documents.
      'cluster.routing.allocation.disk.threshold_enabled: false',
      '',
    ].join('\n'));
    return [...folders, ...['jvm.options', 'log4j2.properties', 'elasticsearch.yml'].map(config)];
  }
}

const NAME = `elasticsearch-${ELASTICSEARCH_VERSION}`;
const unpackedIn = path.join(stateDir, 'jars', NAME);

/** Where the distribution Elasticsearch runs from lies: as root, the copy the service user can read. */
function installDir(): string {
  return asRoot() ? path.join(SERVICE_HOME, NAME) : path.join(unpackedIn, NAME);
}

/** The distribution, unpacked once from Maven Central (and copied, as root). */
async function distribution(report: Report): Promise<string> {
  await fromMavenCentral(unpackedIn, `Elasticsearch ${ELASTICSEARCH_VERSION}`, ['dependency:unpack', `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${unpackedIn}`], report);
  const unpacked = path.join(unpackedIn, NAME);
  return asRoot() ? copyForServiceUser(unpacked, NAME, path.join('bin', 'elasticsearch')) : unpacked;
}
