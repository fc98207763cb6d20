import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../../cli/errors.js';

/** PostgreSQL and Elasticsearch refuse to run as root: as root, the tool runs them as this user, which it creates. */
export const SERVICE_USER = 'kafka-labs';
/**
 * As root, those services' programs and data live here, where the service user can reach them whatever the
 * permissions of the checkout's folders (a CI clone in a private temporary folder, say).
 */
export const SERVICE_HOME = '/var/lib/kafka-labs';

export const asRoot = () => process.getuid?.() === 0;

/** Where a service keeps its data: `dir` itself, or as root a folder of SERVICE_HOME, one per checkout. */
export function serviceHome(dir: string): string {
  return asRoot() ? path.join(SERVICE_HOME, createHash('sha1').update(dir).digest('hex').slice(0, 12)) : dir;
}

/**
 * As root: the dedicated user a service runs as, created on first use. Otherwise: undefined (run as oneself).
 * `service` names who needs it, in the error.
 */
export function serviceUser(service: string): { uid: number; gid: number } | undefined {
  if (!asRoot()) return undefined;
  const ids = () => ({ uid: Number(execFileSync('id', ['-u', SERVICE_USER]).toString()), gid: Number(execFileSync('id', ['-g', SERVICE_USER]).toString()) });
  try {
    return ids();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVICE_USER], { stdio: 'ignore' });
      return ids();
    } catch {
      throw new EnvironmentError(`${service} cannot run as root and the user ${SERVICE_USER} could not be created: create it (useradd --system ${SERVICE_USER}), or run the tool as a normal user`);
    }
  }
}

/** Gives files and folders the tool made for a service to its user (as root; otherwise nothing to do). */
export function giveToServiceUser(paths: string[], owner: { uid: number; gid: number } | undefined): void {
  if (owner) for (const entry of paths) fs.lchownSync(entry, owner.uid, owner.gid);
}

/**
 * As root, a service's programs are copied once into SERVICE_HOME/`name`, where the service user can read them
 * (one copy per version, shared by every checkout of the machine). `ready`: a file the finished copy holds.
 */
export function copyForServiceUser(source: string, name: string, ready: string): string {
  const copy = path.join(SERVICE_HOME, name);
  if (!fs.existsSync(path.join(copy, ready))) {
    fs.mkdirSync(SERVICE_HOME, { recursive: true });
    fs.rmSync(`${copy}.tmp`, { recursive: true, force: true });
    fs.cpSync(source, `${copy}.tmp`, { recursive: true, verbatimSymlinks: true });
    fs.renameSync(`${copy}.tmp`, copy);
  }
  return copy;
}
