import path from 'node:path';
import { stateDir } from '../paths.js';

/** The outcome of one task of a lab, as `pnpm lab`, `pnpm grade` and `pnpm test` see it. */
export type TaskStatus = 'pass' | 'fail' | 'error';

export interface TaskResult {
  id: string;
  title: string;
  status: TaskStatus;
  /** For fail and error: what the check expected and what it found. */
  message?: string;
  /** Its checks could not load the code under test (a compile error, file:line:column): they did not run. */
  loadError?: string;
  /** How long its checks ran. */
  durationMs?: number;
}

export interface LabResult {
  lab: number;
  code: 'starter' | 'solution';
  tasks: TaskResult[];
}

export function countPassed(result: LabResult): number {
  return result.tasks.filter((t) => t.status === 'pass').length;
}

/** Where a lab's last check run on that code is kept (the reporter writes it; `pnpm lab N hint` reads it). */
export function resultsFile(labFolder: string, code: LabResult['code']): string {
  return path.join(stateDir, 'results', `lab-${labFolder}-${code}.json`);
}
