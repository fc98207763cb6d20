import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { EnvironmentError } from '../cli/errors.js';
import type { Lab } from '../course/load-lab.js';
import { applySchema } from '../course/schema.js';
import { repoRoot } from '../paths.js';
import { resultsFile, type LabResult } from './results.js';

export interface RunChecksOptions {
  lab: Lab;
  /** Whose code `#lab` points at. */
  code: 'starter' | 'solution';
  /** Endpoints and backend, as environment variables. */
  env: Record<string, string>;
  /** Print nothing; the caller prints a summary. */
  quiet?: boolean;
  /** Re-run on every save (vitest's watch mode); returns when the trainee stops it. */
  watch?: boolean;
  /** Record the result as the trainee's progress (`pnpm lab list`), after every run. */
  saveProgress?: boolean;
  /** Another src folder for `#lab` (a wrong implementation of the maintainers'). */
  codeDir?: string;
  /** Run the checks of this task only. */
  task?: string;
}

/** The check files with a describe block named after the task (its checks). */
export function checkFilesOf(lab: Lab, task: string): string[] {
  const checks = path.join(lab.dir, 'checks');
  const declares = new RegExp(`\\bdescribe(\\.\\w+)*\\(\\s*(['"\`])${escapeRegExp(task)}\\2`);
  return fs.readdirSync(checks, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.check.ts') && declares.test(fs.readFileSync(path.join(checks, f), 'utf8')))
    .map((f) => path.join(checks, f));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs a lab's checks in vitest against the trainee's code or the solution, and returns one result per task. */
export async function runChecks({ lab, code, env, quiet, watch, saveProgress, codeDir, task }: RunChecksOptions): Promise<LabResult> {
  // Other code (a wrong implementation) keeps its results beside it: several run at once.
  const file = codeDir ? path.join(codeDir, '..', 'check-results.json') : resultsFile(lab.folder, code);
  fs.rmSync(file, { force: true });
  await applySchema(lab, env);
  const vitest = path.join(repoRoot, 'node_modules', '.bin', 'vitest');
  const args = [watch ? 'watch' : 'run', '--config', path.join(repoRoot, 'scripts', 'src', 'checks', 'vitest.config.ts')];
  // A test's full name starts with its describe block, which is the task id; only the files that declare it run.
  if (task) args.push('--testNamePattern', `^${escapeRegExp(task)} `, ...checkFilesOf(lab, task).map((f) => path.relative(repoRoot, f)));
  await execa(vitest, args, {
    cwd: repoRoot,
    reject: false,
    stdio: quiet ? ['ignore', 'ignore', 'ignore'] : 'inherit',
    env: {
      ...env,
      LAB_NUMBER: String(lab.number),
      LAB_DIR: lab.dir,
      LAB_CODE: code,
      LAB_CODE_DIR: codeDir ?? path.join(code === 'solution' ? lab.solutionDir : lab.dir, 'src'),
      LAB_RESULTS_FILE: file,
      ...(quiet ? { LAB_QUIET: '1' } : {}),
      ...(watch ? { LAB_WATCH: '1' } : {}),
      ...(saveProgress ? { LAB_SAVE_PROGRESS: '1' } : {}),
      ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }),
    },
  });
  if (!fs.existsSync(file)) {
    throw new EnvironmentError(`the checks of lab ${lab.number} did not report (vitest stopped early): run \`pnpm lab ${lab.number}\` to see its output`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LabResult;
}
