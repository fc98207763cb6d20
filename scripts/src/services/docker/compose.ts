import { execa } from 'execa';
import { EnvironmentError } from '../../cli/errors.js';
import { dockerDir } from '../../paths.js';
import type { Report } from '../backend.js';
import { fatalLogMessage, firstErrorLine } from '../local/kafka-fatal-logs.js';

/** A docker compose project: its name and compose files (relative to docker/), and the variables they read. */
export interface ComposeProject {
  name: string;
  files: string[];
  environment: Record<string, string>;
}

/** One container of a project, as `docker compose ps --format json` shows it. */
export interface ComposeContainer {
  Service: string;
  Name: string;
  /** created, running, restarting, exited, dead, paused */
  State: string;
  /** healthy, unhealthy, starting, or '' without a health check */
  Health: string;
  ExitCode: number;
  Publishers?: { URL: string; TargetPort: number; PublishedPort: number }[];
}

/** Runs `docker compose` on a project; rejects with compose's last line when it fails. */
export async function compose(project: ComposeProject, args: string[]): Promise<string> {
  const result = await execa('docker', ['compose', '--project-name', project.name, ...project.files.flatMap((f) => ['--file', f]), ...args], {
    cwd: dockerDir,
    env: project.environment,
    all: true,
    reject: false,
  });
  if (result.exitCode !== 0) {
    const last = (result.all ?? '').trim().split('\n').filter(Boolean).pop() ?? `exit code ${result.exitCode}`;
    const taken = /(?:127\.0\.0\.1|0\.0\.0\.0)?:(\d+)[^\n]*(?:address already in use|port is already allocated)/.exec(last);
    if (taken) throw new EnvironmentError(`port ${taken[1]} of this machine is taken by another program (see \`lsof -i :${taken[1]}\`): stop it, then start again (the containers and their data are kept)`);
    throw new EnvironmentError(`docker compose ${args[0]} failed: ${last}`);
  }
  return result.stdout;
}

/** Every container of the project, stopped ones included. */
export async function containersOf(project: ComposeProject, services: string[] = []): Promise<ComposeContainer[]> {
  const out = await compose(project, ['ps', '--all', '--format', 'json', ...services]);
  // compose 2.21+ prints one JSON object per line; earlier 2.x one array.
  const text = out.trim();
  if (!text) return [];
  return text.startsWith('[') ? (JSON.parse(text) as ComposeContainer[]) : text.split('\n').map((line) => JSON.parse(line) as ComposeContainer);
}

export function isReady(c: ComposeContainer): boolean {
  return c.State === 'running' && (c.Health === '' || c.Health === 'healthy');
}

/**
 * Waits until every service's container is running and, where it declares a health check, healthy. A container
 * that exited, or is unhealthy, or restarts while `failFast(service)` says it never restarts on its own (a broker
 * whose configuration is broken), fails at once; others get until the deadline. The failure keeps every
 * container and volume, and shows the failing container's last log lines.
 */
export async function waitUntilReady(project: ComposeProject, services: string[], options: { timeoutMs: number; report: Report; failFast: (service: string) => boolean }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const restartsAtStart = new Map<string, number>();
  let readyBefore = false;
  for (;;) {
    const containers = await containersOf(project, services);
    const restarts = await restartCounts(containers);
    for (const [name, count] of restarts) if (!restartsAtStart.has(name)) restartsAtStart.set(name, count);
    const restarted = (c: ComposeContainer) => (restarts.get(c.Name) ?? 0) > (restartsAtStart.get(c.Name) ?? 0);
    const waiting = services.filter((s) => !containers.some((c) => c.Service === s && isReady(c) && !(options.failFast(s) && restarted(c))));
    // Ready twice in a row: between two crashes, a restarted container may still show its last run's health.
    if (waiting.length === 0 && readyBefore) return;
    readyBefore = waiting.length === 0;
    const failed = containers.find((c) => waiting.includes(c.Service) && (c.State === 'exited' || c.State === 'dead' || c.Health === 'unhealthy' || (options.failFast(c.Service) && (c.State === 'restarting' || restarted(c)))));
    if (failed) throw await startFailure(project, failed, `it ${failed.Health === 'unhealthy' ? 'is unhealthy' : failed.State === 'exited' || failed.State === 'dead' ? `exited (exit code ${failed.ExitCode})` : 'keeps restarting'}`);
    if (Date.now() > deadline) {
      const late = containers.find((c) => waiting.includes(c.Service));
      if (!late) throw new EnvironmentError(`docker compose created no container for ${waiting.join(', ')}: see \`docker compose --project-name ${project.name} ps --all\``);
      throw await startFailure(project, late, `it is still ${late.State}${late.Health ? ` (${late.Health})` : ''} after ${options.timeoutMs / 1000} s`);
    }
    if (waiting.length > 0) options.report(`waiting for ${waiting.join(', ')} to be ready (${containers.filter((c) => waiting.includes(c.Service)).map((c) => `${c.Service}: ${c.Health || c.State}`).join(', ') || 'creating'})`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** How many times Docker restarted each container (its restart policy), by container name. */
async function restartCounts(containers: ComposeContainer[]): Promise<Map<string, number>> {
  if (containers.length === 0) return new Map();
  const result = await execa('docker', ['inspect', '--format', '{{.Name}} {{.RestartCount}}', ...containers.map((c) => c.Name)], { reject: false });
  return new Map(result.stdout.split('\n').filter(Boolean).map((line) => {
    const [name, count] = line.split(' ');
    return [name!.replace(/^\//, ''), Number(count)] as const;
  }));
}

async function startFailure(project: ComposeProject, container: ComposeContainer, why: string): Promise<EnvironmentError> {
  const logs = await compose(project, ['logs', '--no-color', '--no-log-prefix', '--tail', '200', container.Service]).catch(() => '');
  // compose clears each line with an ANSI code, even without colors.
  const lines = logs.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trim().split('\n').filter(Boolean);
  // The reason, as the local backend reads a broker's log: a known fatal message with its fix, else the first exception.
  const log = lines.join('\n');
  const fatal = fatalLogMessage(log);
  const exception = lines.find((l) => /\b\w+(Exception|Error): /.test(l))?.trim() ?? firstErrorLine(log);
  const reason = fatal ? `${fatal.cause} ("${fatal.line}"): ${fatal.fix}` : exception ? `"${exception.length > 240 ? `${exception.slice(0, 240)}…` : exception}"` : 'its log says nothing';
  return new EnvironmentError(
    `${container.Name} did not start: ${why}; ${reason}. Its data and containers are kept; start again once fixed` +
      ` (its log: \`docker logs ${container.Name}\`). Its last lines:\n${lines.slice(-12).map((l) => `    ${l}`).join('\n')}`,
  );
}
