import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Starts a long-running service that outlives this process; its output goes to `logFile`. */
export function spawnService(command: string, args: string[], opts: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number }): number {
  const out = fs.openSync(opts.logFile, 'a');
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true,
    stdio: ['ignore', out, out],
    uid: opts.uid,
    gid: opts.gid,
  });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  child.unref();
  return child.pid;
}

/**
 * True while the process runs. A zombie counts as dead, but only once its last thread has ended: a JVM's main
 * thread can be a zombie while its other threads still shut down, sockets still open.
 */
export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z') return true;
    return fs.readdirSync(`/proc/${pid}/task`).length > 1;
  } catch {
    return true;
  }
}

/** The command line of a process, to tell our service from an unrelated process that reused its pid. */
export function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Stops a process: `signal` (SIGTERM by default), then SIGKILL after `graceMs`. */
export async function stopProcess(pid: number, { signal = 'SIGTERM', graceMs = 20_000 }: { signal?: NodeJS.Signals; graceMs?: number } = {}): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(50);
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}

/** True when 127.0.0.1:port can be bound, i.e. no program holds it. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Polls `ready` until it answers true. Fails fast when the service's process dies (`died` returns the
 * reason) and after `timeoutMs`. Readiness is always a real probe, never a fixed sleep.
 */
export async function waitUntil(what: string, ready: () => Promise<boolean>, opts: { timeoutMs: number; died?: () => string | undefined; intervalMs?: number }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const death = opts.died?.();
    if (death) throw new Error(death);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${Math.round(opts.timeoutMs / 1000)} s`);
    await sleep(opts.intervalMs ?? 250);
  }
}

/**
 * Whether process `pid` holds the socket that listens on `port` (Linux: /proc/net/tcp and the process' fds):
 * tells our service from a foreign program on its port. Undefined where /proc cannot tell.
 */
export function listensOn(pid: number, port: number): boolean | undefined {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  try {
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      if (!fs.existsSync(table)) continue;
      for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        // local_address is field 1, st (0A = LISTEN) field 3, inode field 9.
        if (fields[1]?.endsWith(hexPort) && fields[3] === '0A') inodes.add(fields[9]!);
      }
    }
    if (inodes.size === 0) return false;
    return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return inodes.has(/^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '');
      } catch {
        return false;
      }
    });
  } catch {
    return undefined;
  }
}
