import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { EnvironmentError } from '../../cli/errors.js';
import { SingleProcessService } from './single-process.js';

type Report = (text: string) => void;

/**
 * What Prometheus starts with: no target, no rule. A lab's own configuration replaces it (written into the
 * configuration folder, then `POST /-/reload`: see harness/monitoring.ts), so a wrong one is reported, never fatal.
 */
export const EMPTY_PROMETHEUS_CONFIG = `# Replaced by the lab's monitoring/prometheus.yml when its checks run.
global:
  scrape_interval: 15s
scrape_configs: []
`;

/**
 * Workshop 10's Prometheus without Docker: Debian's package (`apt-get install --no-install-recommends
 * prometheus`), run as a plain process on 127.0.0.1, its configuration and data in `dir`.
 */
export class LocalPrometheus extends SingleProcessService {
  constructor(private readonly options: { dir: string; port: number }) {
    super(options.dir, { name: 'Prometheus', log: 'prometheus.log', commandLineHas: () => [path.join(options.dir, 'config')] });
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** The folder whose prometheus.yml (and the rule files beside it) Prometheus reads. */
  get configDir(): string {
    return path.join(this.options.dir, 'config');
  }

  async start(report: Report): Promise<void> {
    if (await this.running()) return;
    await this.stop();
    await this.requireFreePorts(this.options.port);
    const binary = await findPrometheus();
    fs.mkdirSync(this.configDir, { recursive: true });
    const config = path.join(this.configDir, 'prometheus.yml');
    if (!fs.existsSync(config)) fs.writeFileSync(config, EMPTY_PROMETHEUS_CONFIG);
    report('starting Prometheus');
    await this.launch(binary, [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(this.options.dir, 'data')}`,
      '--storage.tsdb.retention.time=1d',
      `--web.listen-address=127.0.0.1:${this.options.port}`,
      // POST /-/reload applies a lab's new configuration without a restart.
      '--web.enable-lifecycle',
    ], { timeoutMs: 30_000 });
  }

  async answers(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/-/ready`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false;
    }
  }
}

async function findPrometheus(): Promise<string> {
  const result = await execa('prometheus', ['--version'], { reject: false });
  if (result.failed || result.exitCode !== 0) {
    throw new EnvironmentError('Prometheus was not found, and workshop 10 needs it without Docker: install it (`apt-get install -y --no-install-recommends prometheus` on Debian or Ubuntu; or a release from prometheus.io on your PATH), or install Docker');
  }
  return 'prometheus';
}
