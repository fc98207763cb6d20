import fs from 'node:fs';
import path from 'node:path';
import { stateDir } from '../paths.js';
import { countPassed, type LabResult } from '../checks/results.js';

/** The trainee's last result per lab, shown by `pnpm lab list`; one small state file. */
export interface LabProgress {
  passed: number;
  total: number;
  at: string;
}

const file = () => path.join(stateDir, 'progress.json');

export function readProgress(): Record<string, LabProgress> {
  try {
    return JSON.parse(fs.readFileSync(file(), 'utf8')) as Record<string, LabProgress>;
  } catch {
    return {};
  }
}

export function saveProgress(result: LabResult): void {
  const all = readProgress();
  all[result.lab] = { passed: countPassed(result), total: result.tasks.length, at: new Date().toISOString() };
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(file(), JSON.stringify(all, null, 2));
}
