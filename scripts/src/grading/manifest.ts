import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { WORKSHOPS, folderName } from '../course/course.js';
import { repoRoot } from '../paths.js';

/**
 * The tamper check: hashes of everything that decides a grade — each lab's checks and metadata, and the
 * harness and check runner they all use — committed with the course in `checks.manifest.json`.
 */
export interface ChecksManifest {
  /** Files every lab's grade depends on, relative to the repository, with their sha256. */
  shared: Record<string, string>;
  /** Per lab folder (`02-producer`): its checks and lab.ts. */
  labs: Record<string, Record<string, string>>;
}

export const MANIFEST_FILE = 'checks.manifest.json';
export const UPDATE_COMMAND = 'pnpm grade --update-manifest';

const SHARED_DIRS = ['scripts/src/harness', 'scripts/src/checks'];

export function computeManifest(root = repoRoot): ChecksManifest {
  const shared = hashFiles(root, SHARED_DIRS.flatMap((dir) => listFiles(root, dir)).filter((f) => !f.endsWith('.test.ts')));
  const labs: ChecksManifest['labs'] = {};
  for (const workshop of WORKSHOPS) {
    const folder = folderName(workshop);
    if (!fs.existsSync(path.join(root, 'labs', folder, 'lab.ts'))) continue;
    labs[folder] = hashFiles(root, [`labs/${folder}/lab.ts`, ...listFiles(root, `labs/${folder}/checks`)]);
  }
  return { shared, labs };
}

export function readManifest(root = repoRoot): ChecksManifest | undefined {
  const file = path.join(root, MANIFEST_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ChecksManifest) : undefined;
}

export function writeManifest(root = repoRoot): string {
  const file = path.join(root, MANIFEST_FILE);
  fs.writeFileSync(file, `${JSON.stringify(computeManifest(root), null, 2)}\n`);
  return file;
}

/** The files of one lab's grade that differ from the manifest (changed, added or removed); empty when intact. */
export function modifiedFiles(folder: string, expected: ChecksManifest, actual: ChecksManifest): string[] {
  return [...differences(expected.shared, actual.shared), ...differences(expected.labs[folder] ?? {}, actual.labs[folder] ?? {})];
}

function differences(expected: Record<string, string>, actual: Record<string, string>): string[] {
  const files = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...files].filter((f) => expected[f] !== actual[f]).sort();
}

function hashFiles(root: string, files: string[]): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of [...files].sort()) {
    // Line endings do not change what a check does (a Windows checkout must not look tampered with).
    const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/\r\n/g, '\n');
    hashes[file] = createHash('sha256').update(text).digest('hex');
  }
  return hashes;
}

function listFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}
