import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import pc from 'picocolors';
import type { TestSpecification, TestSuite, Vitest } from 'vitest/node';
import type { Reporter } from 'vitest/reporters';
import type { RunnerTask, RunnerTestFile } from 'vitest';
import { loadLab, type Lab } from '../course/load-lab.js';
import { saveProgress } from '../course/progress.js';
import { firstFrameIn, stillTodo } from './lab-code-errors.js';
import { describeLoadError } from './load-error.js';
import { formatLabResult, nextStep } from './print-results.js';
import type { LabResult, TaskResult } from './results.js';

interface CheckError {
  name?: string;
  message?: string;
  diff?: string;
  stack?: string;
}

const quiet = Boolean(process.env.LAB_QUIET);
const watching = process.env.LAB_WATCH === '1';

/**
 * Turns vitest's results into one result per task of the lab (one `describe` per task id), prints them
 * (unless LAB_QUIET) and writes them as JSON to LAB_RESULTS_FILE for the tool that started vitest.
 * With LAB_SAVE_PROGRESS the trainee's progress is saved after every run, watch mode included.
 */
export default class TaskReporter implements Reporter {
  private lab?: Lab;
  private vitest?: Vitest;
  private runStarted = 0;

  async onInit(vitest: Vitest): Promise<void> {
    this.vitest = vitest;
    this.lab = await loadLab(Number(process.env.LAB_NUMBER));
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.runStarted = Date.now();
    if (quiet) return;
    const files = specifications.length;
    const when = watching ? ` at ${new Date().toLocaleTimeString()}` : '';
    console.log(pc.dim(`\nRunning the checks of lab ${this.lab!.number}${when} (${files} file${files === 1 ? '' : 's'}, on a real cluster: this takes a while)…`));
  }

  /** What a check prints (e.g. the duplicates it counted) is shown under the progress lines. */
  onUserConsoleLog(log: { content: string; type: 'stdout' | 'stderr' }): void {
    if (!quiet && log.type === 'stdout') process.stdout.write(pc.dim(`    ${log.content.trimEnd()}\n`));
  }

  /** A line per task as soon as its checks are done: progress during long runs. */
  onTestSuiteResult(suite: TestSuite): void {
    if (quiet || suite.parent.type !== 'module' || !this.lab!.tasks.some((t) => t.id === suite.name)) return;
    const state = suite.state();
    const mark = state === 'passed' ? pc.green('✓') : state === 'failed' ? pc.red('✗') : pc.dim('-');
    const seconds = ([...suite.children.allTests()].reduce((sum, test) => sum + (test.diagnostic()?.duration ?? 0), 0) / 1000).toFixed(1);
    console.log(pc.dim(`  ${mark} ${suite.name} (${seconds} s)`));
  }

  onFinished(rerun: RunnerTestFile[] = []): void {
    const lab = this.lab!;
    // In watch mode only the files touched by a change run again: report every task from the latest results.
    const files = this.vitest?.state.getFiles() ?? rerun;
    const result: LabResult = { lab: lab.number, code: process.env.LAB_CODE === 'solution' ? 'solution' : 'starter', tasks: tasksOf(lab, files) };
    if (process.env.LAB_RESULTS_FILE) {
      fs.mkdirSync(path.dirname(process.env.LAB_RESULTS_FILE), { recursive: true });
      fs.writeFileSync(process.env.LAB_RESULTS_FILE, JSON.stringify(result, null, 2));
    }
    // Code that does not compile says nothing about the tasks: the last progress stays.
    if (process.env.LAB_SAVE_PROGRESS && !result.tasks.some((t) => t.loadError)) saveProgress(result);
    if (quiet) return;
    console.log(`\n${formatLabResult(lab, result)}`);
    const step = nextStep(lab, result);
    if (step) console.log(step);
    console.log(pc.dim(`(${((Date.now() - this.runStarted) / 1000).toFixed(0)} s)`));
    if (watching) console.log(pc.dim('Watching your files: save to check again, Ctrl+C to stop.'));
  }
}

function tasksOf(lab: Lab, files: RunnerTestFile[]): TaskResult[] {
  const suites = files.flatMap((f) => f.tasks);
  // A check file that could not load the code under test has no tasks: the reason is the same for every task it holds.
  const loadErrors = files.flatMap((f) => (f.tasks.length === 0 ? errorsOf(f) : []));
  const loadError = loadErrors.length > 0 ? describeLoadError(loadErrors[0]!) : undefined;
  const results = lab.tasks.map((task): TaskResult => {
    const blocks = suites.filter((s) => s.name === task.id);
    const base = { id: task.id, title: task.title };
    if (blocks.length === 0) {
      return loadError !== undefined
        ? { ...base, status: 'fail', message: loadError, loadError }
        : { ...base, status: 'error', message: `no describe('${task.id}') in ${lab.folder}/checks: a defect of the course` };
    }
    // A failed beforeAll of the setup file (services not answering) is reported on the file.
    const errors = [...blocks.flatMap(collectErrors), ...new Set(blocks.flatMap((b) => (b.file ? errorsOf(b.file) : [])))];
    const ran = blocks.flatMap(collectTests).filter((t) => t.result?.state === 'pass' || t.result?.state === 'fail');
    const timed = { ...base, durationMs: Math.round(ran.reduce((sum, t) => sum + (t.result?.duration ?? 0), 0)) };
    if (errors.length === 0 && ran.length > 0) return { ...timed, status: 'pass' };
    if (errors.length === 0) return { ...timed, status: 'error', message: 'its checks did not run (skipped?)' };
    return { ...timed, ...classify(errors) };
  });
  const unknown = suites.filter((s) => !lab.tasks.some((t) => t.id === s.name));
  for (const s of unknown) {
    results.push({ id: s.name, title: '(not a task of the lab metadata)', status: 'error', message: `describe('${s.name}') matches no task id in ${lab.folder}/lab.ts: a defect of the course` });
  }
  return results;
}

function collectTests(task: RunnerTask): RunnerTask[] {
  return task.type === 'suite' ? task.tasks.flatMap(collectTests) : [task];
}

function collectErrors(task: RunnerTask): CheckError[] {
  const own = errorsOf(task);
  return task.type === 'suite' ? [...own, ...task.tasks.flatMap(collectErrors)] : own;
}

function errorsOf(task: RunnerTask): CheckError[] {
  return (task.result?.errors ?? []) as CheckError[];
}

function classify(errors: CheckError[]): Pick<TaskResult, 'status' | 'message'> {
  const environment = errors.find((e) => e.name === 'EnvironmentError' || e.name === 'HarnessError');
  if (environment) return { status: 'error', message: clean(environment.message) };
  const first = errors[0]!;
  const todo = stillTodo(first.message ?? '', process.env.LAB_CODE_DIR ? firstFrameIn(first.stack, process.env.LAB_CODE_DIR) : undefined);
  if (todo) return { status: 'fail', message: `${todo}: write it, then run the checks again` };
  const text = [clean(first.message)];
  if (first.diff) text.push(clean(first.diff, 60));
  return { status: 'fail', message: text.join('\n') };
}

function clean(text = '', maxLines = 12): string {
  const plain = stripVTControlCharacters(text).trim();
  const all = plain.split('\n');
  const lines = all.slice(0, maxLines).map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l));
  if (all.length > maxLines) lines.push(`… (${all.length - maxLines} more lines)`);
  return lines.join('\n');
}
