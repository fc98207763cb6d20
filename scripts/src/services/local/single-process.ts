import fs from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../../cli/errors.js';
import { shortPath } from '../../paths.js';
import { commandLine, isAlive, isPortFree, spawnService, stopProcess, waitUntil } from './process.js';

/**
 * A service that runs as one detached process of ours: its pid file and its log in `dir`, what its command line
 * holds (to tell it from an unrelated process that reused its pid), and a readiness probe, `answers`.
 */
export abstract class SingleProcessService {
  protected constructor(
    protected readonly dir: string,
    private readonly what: { name: string; log: string; commandLineHas: () => string[] },
  ) {}

  get logFile(): string {
    return path.join(this.dir, this.what.log);
  }

  private get pidFile(): string {
    return path.join(this.dir, 'pid');
  }

  /** A real probe of the running service (an HTTP answer, a query). */
  abstract answers(): Promise<boolean>;

  pid(): number | undefined {
    if (!fs.existsSync(this.pidFile)) return undefined;
    const pid = Number(fs.readFileSync(this.pidFile, 'utf8'));
    return isAlive(pid) && this.what.commandLineHas().every((part) => commandLine(pid).includes(part)) ? pid : undefined;
  }

  /** Whether it runs and answers already: a start then has nothing to do. */
  protected async running(): Promise<boolean> {
    return this.pid() !== undefined && (await this.answers());
  }

  async stop(): Promise<void> {
    const pid = this.pid();
    if (pid !== undefined) await stopProcess(pid);
    fs.rmSync(this.pidFile, { force: true });
  }

  removeData(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** An environment error when another program holds one of the service's ports. */
  protected async requireFreePorts(...ports: number[]): Promise<void> {
    for (const port of ports) {
      if (!(await isPortFree(port))) throw new EnvironmentError(`port ${port} (${this.what.name}) is used by another program: stop it, or move the lab's ports with LAB_PORT_BASE=<port>`);
    }
  }

  /**
   * Starts the process (its output into a fresh log), then waits until it answers. When it dies or does not
   * answer in time, it is stopped, and the environment error names its log.
   */
  protected async launch(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; uid?: number; gid?: number; timeoutMs: number }): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    fs.writeFileSync(this.logFile, '');
    if (options.uid !== undefined) fs.chownSync(this.logFile, options.uid, options.gid ?? options.uid);
    const pid = spawnService(command, args, { ...options, logFile: this.logFile });
    fs.writeFileSync(this.pidFile, String(pid));
    const died = () => (this.pid() === undefined ? `${this.what.name} stopped while starting: see its log ${shortPath(this.logFile)}` : undefined);
    try {
      await waitUntil(this.what.name, () => this.answers(), { timeoutMs: options.timeoutMs, died, intervalMs: 200 });
    } catch (error) {
      await this.stop();
      const message = (error as Error).message;
      throw new EnvironmentError(message.includes('log') ? message : `${message}: see ${shortPath(this.logFile)}`);
    }
  }
}
