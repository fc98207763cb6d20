import fs from 'node:fs';
import path from 'node:path';
import { labsDir } from '../paths.js';
import type { Lab } from './load-lab.js';

/**
 * How many hint levels the trainee opened per task (`pnpm lab N hint`), kept in labs/hints-used.json: it is
 * committed with the trainee's work, so the grade report of their repository shows it.
 */
export type HintsUsed = Record<string, Record<string, number>>;

export const HINTS_USED_FILE = process.env.LAB_HINTS_USED_FILE ?? path.join(labsDir, 'hints-used.json');

export function readHintsUsed(): HintsUsed {
  try {
    return JSON.parse(fs.readFileSync(HINTS_USED_FILE, 'utf8')) as HintsUsed;
  } catch {
    return {};
  }
}

export function hintsUsed(lab: Lab, taskId: string): number {
  return readHintsUsed()[lab.folder]?.[taskId] ?? 0;
}

export function recordHintUsed(lab: Lab, taskId: string, level: number): void {
  const all = readHintsUsed();
  all[lab.folder] = { ...all[lab.folder], [taskId]: Math.max(level, all[lab.folder]?.[taskId] ?? 0) };
  fs.writeFileSync(HINTS_USED_FILE, `${JSON.stringify(all, null, 2)}\n`);
}
