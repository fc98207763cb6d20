import fs from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../../cli/errors.js';
import { shortPath, stateDir } from '../../paths.js';
import { ELASTICSEARCH_VERSION } from '../../versions.js';
import { findJava, fromMavenCentral, javaHome } from './java.js';
import { commandLine, isAlive, isPortFree, spawnService, stopProcess, waitUntil } from './process.js';
import { giveToServiceUser, serviceHome, serviceUser, SERVICE_HOME, asRoot } from './service-user.js';

type Report = (text: string) => void;

const ARTIFACT = `org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ELASTICSEARCH_VERSION}:zip`;

/**
 * Workshop 5's Elasticsearch without Docker: the distribution Elasticsearch publishes on Maven Central (its
 * integration-test build: the server and 4 modules, no security, no ingest pipelines), one node on 127.0.0.1.
 * It refuses to run as root: as root, it runs as the tool's service user, from a copy that user can reach.
 */
export class LocalElasticsearch {
  /** Configuration and data: in `dir`, or (as root) in a folder of SERVICE_HOME. */
  private readonly home: string;

  constructor(private readonly options: { dir: string; port: number; transportPort: number }) {
    this.home = serviceHome(options.dir);
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get logFile(): string {
    return path.join(this.options.dir, 'elasticsearch.log');
  }

  private get configDir(): string {
    return path.join(this.home, 'config');
  }

  private get pidFile(): string {
    return path.join(this.options.dir, 'pid');
  }

  pid(): number | undefined {
    if (!fs.existsSync(this.pidFile)) return undefined;
    const pid = Number(fs.readFileSync(this.pidFile, 'utf8'));
    // Its launcher's command line names the distribution it runs.
    return isAlive(pid) && commandLine(pid).includes(installDir()) ? pid : undefined;
  }

  async start(report: Report): Promise<void> {
    if (this.pid() !== undefined && (await this.answers())) return;
    await this.stop();
    for (const port of [this.options.port, this.options.transportPort]) {
      if (!(await isPortFree(port))) throw new EnvironmentError(`port ${port} (Elasticsearch) is used by another program: stop it, or move the lab's ports with LAB_PORT_BASE=<port>`);
    }
    const java = await findJava();
    const owner = serviceUser('Elasticsearch');
    const install = await distribution(report);
    fs.mkdirSync(this.options.dir, { recursive: true });
    this.configure(install);
    giveToServiceUser(this.home, owner);
    fs.writeFileSync(this.logFile, '');
    report('starting Elasticsearch');
    const pid = spawnService(path.join(install, 'bin', 'elasticsearch'), [], {
      logFile: this.logFile,
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
    });
    fs.writeFileSync(this.pidFile, String(pid));
    const died = () => (this.pid() === undefined ? `Elasticsearch stopped while starting: see its log ${shortPath(this.logFile)}` : undefined);
    try {
      await waitUntil('Elasticsearch', () => this.answers(), { timeoutMs: 120_000, died, intervalMs: 250 });
    } catch (error) {
      await this.stop();
      const message = (error as Error).message;
      throw new EnvironmentError(message.includes('log') ? message : `${message}: see ${shortPath(this.logFile)}`);
    }
  }

  async stop(): Promise<void> {
    const pid = this.pid();
    // The launcher stops the node it started.
    if (pid !== undefined) await stopProcess(pid);
    fs.rmSync(this.pidFile, { force: true });
  }

  removeData(): void {
    fs.rmSync(this.options.dir, { recursive: true, force: true });
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

  /** The distribution's configuration, and ours: one node, on 127.0.0.1, no security (a lab's machine). */
  private configure(install: string): void {
    fs.mkdirSync(this.configDir, { recursive: true });
    for (const file of ['jvm.options', 'log4j2.properties']) fs.copyFileSync(path.join(install, 'config', file), path.join(this.configDir, file));
    for (const dir of ['data', 'logs', 'tmp']) fs.mkdirSync(path.join(this.home, dir), { recursive: true });
    fs.writeFileSync(path.join(this.configDir, 'elasticsearch.yml'), [
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
  }
}

const unpackedIn = path.join(stateDir, 'jars', `elasticsearch-${ELASTICSEARCH_VERSION}`);

/** Where the distribution Elasticsearch runs from lies: as root, a copy the service user can read, one per version. */
function installDir(): string {
  return asRoot() ? path.join(SERVICE_HOME, `elasticsearch-${ELASTICSEARCH_VERSION}`) : path.join(unpackedIn, `elasticsearch-${ELASTICSEARCH_VERSION}`);
}

/** The distribution, unpacked once from Maven Central (and copied, as root). */
async function distribution(report: Report): Promise<string> {
  await fromMavenCentral(unpackedIn, `Elasticsearch ${ELASTICSEARCH_VERSION}`, ['dependency:unpack', `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${unpackedIn}`], report);
  const unpacked = path.join(unpackedIn, `elasticsearch-${ELASTICSEARCH_VERSION}`);
  const copy = installDir();
  if (copy !== unpacked && !fs.existsSync(path.join(copy, 'bin', 'elasticsearch'))) {
    fs.mkdirSync(SERVICE_HOME, { recursive: true });
    fs.rmSync(`${copy}.tmp`, { recursive: true, force: true });
    fs.cpSync(unpacked, `${copy}.tmp`, { recursive: true });
    fs.renameSync(`${copy}.tmp`, copy);
  }
  return copy;
}
