import fs from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../../cli/errors.js';
import { repoRoot, shortPath, stateDir } from '../../paths.js';
import { APICURIO_VERSION } from '../../versions.js';
import { findJava, fromMavenCentral } from './java.js';
import { commandLine, isAlive, isPortFree, spawnService, stopProcess, waitUntil } from './process.js';

type Report = (text: string) => void;

const ARTIFACT = `io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all`;

/**
 * A real schema registry without Docker: Apicurio Registry (from Maven Central), which speaks Confluent's
 * API, behind our small proxy (registry-proxy.ts) that serves that API at the root as Confluent does.
 * Schemas live in memory: a restart starts from an empty registry, as `down --wipe` would.
 */
export class LocalSchemaRegistry {
  constructor(private readonly options: { dir: string; port: number; apicurioPort: number }) {}

  get port(): number {
    return this.options.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logFile(): string {
    return path.join(this.options.dir, 'apicurio.log');
  }

  private get proxyLogFile(): string {
    return path.join(this.options.dir, 'proxy.log');
  }

  /** The pids of Apicurio and of the proxy, each while it runs. */
  pids(): { apicurio?: number; proxy?: number } {
    return { apicurio: this.pidOf('apicurio', 'apicurio-registry-app'), proxy: this.pidOf('proxy', 'registry-proxy') };
  }

  pid(): number | undefined {
    const { apicurio, proxy } = this.pids();
    return apicurio !== undefined && proxy !== undefined ? apicurio : undefined;
  }

  async start(report: Report): Promise<void> {
    if (this.pid() !== undefined && (await this.answers())) return;
    await this.stop();
    for (const [port, what] of [[this.port, 'the schema registry'], [this.options.apicurioPort, 'Apicurio, behind the schema registry']] as const) {
      if (!(await isPortFree(port))) throw new EnvironmentError(`port ${port} (${what}) is used by another program: stop it, or move the lab's ports with LAB_PORT_BASE=<port>`);
    }
    const java = await findJava();
    const home = await apicurioHome(report);
    fs.mkdirSync(this.options.dir, { recursive: true });
    report('starting the schema registry (Apicurio)');
    fs.writeFileSync(this.logFile, '');
    fs.writeFileSync(this.proxyLogFile, '');
    const apicurio = spawnService(java, [
      '-Xms64m', '-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1',
      '-Dquarkus.http.host=127.0.0.1', `-Dquarkus.http.port=${this.options.apicurioPort}`,
      '-jar', path.join(home, `apicurio-registry-app-${APICURIO_VERSION}-runner.jar`),
    ], { logFile: this.logFile, cwd: home });
    fs.writeFileSync(this.pidFile('apicurio'), String(apicurio));
    const proxy = spawnService(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'registry-proxy.ts'), String(this.port), String(this.options.apicurioPort)], { logFile: this.proxyLogFile, cwd: repoRoot });
    fs.writeFileSync(this.pidFile('proxy'), String(proxy));
    const died = () => {
      const { apicurio: a, proxy: p } = this.pids();
      if (a === undefined) return `the schema registry (Apicurio) stopped while starting: see its log ${shortPath(this.logFile)}`;
      if (p === undefined) return `the schema registry's proxy stopped while starting: see its log ${shortPath(this.proxyLogFile)}`;
      return undefined;
    };
    try {
      await waitUntil('the schema registry', () => this.answers(), { timeoutMs: 90_000, died, intervalMs: 200 });
      // Confluent's default; Apicurio's is NONE, which would accept any schema (kept in memory: set at each start).
      await this.request('PUT', '/config', { compatibility: 'BACKWARD' });
    } catch (error) {
      await this.stop();
      const message = (error as Error).message;
      throw new EnvironmentError(message.includes('log') ? message : `${message}: see ${shortPath(this.logFile)}`);
    }
  }

  async stop(): Promise<void> {
    const { apicurio, proxy } = this.pids();
    await Promise.all([proxy, apicurio].map((pid) => (pid !== undefined ? stopProcess(pid) : undefined)));
    for (const name of ['apicurio', 'proxy'] as const) fs.rmSync(this.pidFile(name), { force: true });
  }

  removeData(): void {
    fs.rmSync(this.options.dir, { recursive: true, force: true });
  }

  async answers(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/subjects`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false;
    }
  }

  private async request(method: string, urlPath: string, body: unknown): Promise<void> {
    const answer = await fetch(`${this.url}${urlPath}`, { method, headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify(body) });
    if (!answer.ok) throw new Error(`${method} ${urlPath} answered HTTP ${answer.status}: ${await answer.text()}`);
  }

  private pidFile(name: 'apicurio' | 'proxy'): string {
    return path.join(this.options.dir, `${name}.pid`);
  }

  private pidOf(name: 'apicurio' | 'proxy', marker: string): number | undefined {
    const file = this.pidFile(name);
    if (!fs.existsSync(file)) return undefined;
    const pid = Number(fs.readFileSync(file, 'utf8'));
    // A pid is ours only while it still runs our command (pids get reused).
    return isAlive(pid) && commandLine(pid).includes(marker) && commandLine(pid).includes(String(name === 'proxy' ? this.port : this.options.apicurioPort)) ? pid : undefined;
  }
}

/** Apicurio's runnable distribution, unpacked once from Maven Central into the state directory. */
function apicurioHome(report: Report): Promise<string> {
  const dir = path.join(stateDir, 'jars', `apicurio-registry-${APICURIO_VERSION}`);
  return fromMavenCentral(dir, `Apicurio Registry ${APICURIO_VERSION}`, ['dependency:unpack', `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${dir}`], report);
}
