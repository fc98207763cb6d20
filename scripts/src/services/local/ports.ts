import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../cli/errors.js';

export const DEFAULT_PORT_BASE = 19092;
/** Every port of the local backend is the base plus an offset below this (brokers +0…, PostgreSQL +340, tests +300…, benchmarks +600…). */
export const PORT_SPAN = 1000;

/**
 * The base the running services use is remembered in the state: a later command without LAB_PORT_BASE (or
 * with another one) still finds them where they are.
 */
export interface PortState {
  /** The base of the running services, or of the next start when nothing runs. */
  base: number;
  /** Set when LAB_PORT_BASE asks for another base than the running services': why, and the fix. */
  conflict?: string;
}

export function portsFile(localDir: string): string {
  return path.join(localDir, 'ports.json');
}

export function recordedPortBase(localDir: string): number | undefined {
  try {
    const { portBase } = JSON.parse(fs.readFileSync(portsFile(localDir), 'utf8')) as { portBase?: unknown };
    return typeof portBase === 'number' ? portBase : undefined;
  } catch {
    return undefined;
  }
}

export function recordPortBase(localDir: string, base: number): void {
  fs.mkdirSync(localDir, { recursive: true });
  fs.writeFileSync(portsFile(localDir), `${JSON.stringify({ portBase: base })}\n`);
}

export function forgetPortBase(localDir: string): void {
  fs.rmSync(portsFile(localDir), { force: true });
}

/**
 * The state's base wins while its services run; LAB_PORT_BASE (checked) chooses it when nothing runs.
 * `running`: whether a service started with the recorded base still runs.
 */
export function resolvePorts(requested: string | undefined, recorded: number | undefined, running: boolean, ephemeral = ephemeralPortRange()): PortState {
  const wanted = requested === undefined || requested === '' ? undefined : parsePortBase(requested, ephemeral);
  if (recorded !== undefined && running) {
    if (wanted !== undefined && wanted !== recorded) {
      return {
        base: recorded,
        conflict: `the local services run with LAB_PORT_BASE=${recorded} (brokers on 127.0.0.1:${recorded}…), not ${wanted}: unset LAB_PORT_BASE, or stop them first with \`pnpm lab down\``,
      };
    }
    return { base: recorded };
  }
  return { base: wanted ?? DEFAULT_PORT_BASE };
}

export function parsePortBase(text: string, ephemeral = ephemeralPortRange()): number {
  const base = Number(text);
  if (!Number.isInteger(base) || base < 1024 || base + PORT_SPAN > 65_536) {
    throw new UserError(`LAB_PORT_BASE=${text} is not a usable port base: use a number from 1024 to ${65_536 - PORT_SPAN} (e.g. ${DEFAULT_PORT_BASE})`);
  }
  const [low, high] = ephemeral;
  if (base <= high && base + PORT_SPAN - 1 >= low) {
    throw new UserError(
      `LAB_PORT_BASE=${base} puts the lab's ports (${base}–${base + PORT_SPAN - 1}) in this machine's ephemeral range ${low}–${high}, which outgoing connections take at random: choose a base below ${low - PORT_SPAN} (e.g. ${DEFAULT_PORT_BASE})`,
    );
  }
  return base;
}

/** The kernel's range for outgoing connections' local ports (Linux; the usual default elsewhere). */
export function ephemeralPortRange(): [number, number] {
  try {
    const [low, high] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low!, high!];
  } catch {
    // Not Linux: fall through.
  }
  return [32_768, 60_999];
}
