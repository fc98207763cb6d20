import path from 'node:path';
import { execa } from 'execa';
import pc from 'picocolors';
import type { ServiceName } from '../course/lab-meta.js';
import { requireSolution, writtenLabs, type Lab } from '../course/load-lab.js';
import { runChecks } from '../checks/run-checks.js';
import { withProgress } from '../cli/progress.js';
import type { LabResult } from '../checks/results.js';
import { repoRoot } from '../paths.js';
import { dockerEngineAnswers } from '../services/docker/index.js';
import { startServices } from '../services/start.js';
import { proveMistakesCaught } from './mistakes.js';
import { typecheck } from './typecheck.js';

interface Gate {
  name: string;
  problems: string[];
  /** Why it did not run (a maintainer's machine without Docker); CI requires it (LAB_DOCKER_GATE=required). */
  skipped?: string;
}

/**
 * `pnpm test`, the soundness gate: the tool's unit tests and compose files, then for every written lab
 * every task passes on the solution and fails on the untouched starter (services started once, shared).
 */
export async function soundness(options: { backend?: string }): Promise<number> {
  const labs = await writtenLabs();
  for (const lab of labs) requireSolution(lab);
  const gates: Gate[] = [];
  gates.push(await unitTests('the tool (unit tests, compose files, course layout)', 'scripts/vitest.config.ts'));
  gates.push({ name: 'types (the tool, the slides, every lab and solution)', problems: await withProgress('tsc on every project', typecheck) });

  const services = [...new Set(labs.flatMap((l) => l.services))] as ServiceName[];
  const { envFor } = labs.length ? await startServices(services, options.backend) : { envFor: () => ({}) };
  for (const lab of labs) {
    console.log(pc.bold(`\nLab ${lab.number} — ${lab.title}`));
    const solution = await withProgress(`lab ${lab.number}: checks on the solution`, () => runChecks({ lab, code: 'solution', env: envFor(lab.services), quiet: true }));
    gates.push(checkSolution(lab, solution));
    const starter = await withProgress(`lab ${lab.number}: checks on the starter`, () => runChecks({ lab, code: 'starter', env: envFor(lab.services), quiet: true }));
    gates.push(checkStarter(lab, starter));
  }
  console.log(pc.bold('\nWrong implementations (each against the checks of the task it breaks)'));
  // The slides' tests need no service: they run while the last mistakes wait on a stopped broker, and print after them.
  const slidesName = 'the slides (built decks in a real browser)';
  const withSlides = await hasTestScript('slides');
  let slides: Promise<Gate & { output: string }> | undefined;
  const startSlides = () => (slides ??= workspaceTests(slidesName, '@kafka-labs/slides'));
  gates.push({ name: 'every wrong implementation of solutions/*/mistakes fails its task', problems: await proveMistakesCaught(labs, envFor, { onPoolDone: withSlides ? () => void startSlides() : undefined }) });
  if (withSlides) {
    const { output, ...gate } = await startSlides();
    console.log(pc.bold(`\n${slidesName}`));
    console.log(output);
    gates.push(gate);
  }

  gates.push(await dockerGate());

  const failed = gates.filter((g) => g.problems.length > 0);
  console.log(pc.bold('\nSoundness gate'));
  for (const gate of gates) {
    console.log(`  ${gate.problems.length ? pc.red('✗') : gate.skipped ? pc.yellow('-') : pc.green('✓')} ${gate.name}${gate.skipped ? pc.yellow(` (skipped: ${gate.skipped})`) : ''}`);
    for (const problem of gate.problems) console.log(`      ${problem}`);
  }
  console.log(`\n${gates.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

function checkSolution(lab: Lab, result: LabResult): Gate {
  const gate = { name: `lab ${lab.number}: the solution passes every task`, problems: [] as string[] };
  for (const task of result.tasks) {
    printTask(task.id, task.status === 'pass', task.status, 'solution', task.durationMs);
    if (task.status !== 'pass') gate.problems.push(`${task.id}: ${task.status}: ${task.message?.split('\n')[0]} (fix solutions/${lab.folder} or its check)`);
  }
  return gate;
}

function checkStarter(lab: Lab, result: LabResult): Gate {
  const gate = { name: `lab ${lab.number}: the starter fails every task`, problems: [] as string[] };
  for (const task of result.tasks) {
    printTask(task.id, task.status === 'fail', task.status, 'starter', task.durationMs);
    if (task.status === 'pass') gate.problems.push(`${task.id}: already solved in labs/${lab.folder}/src (leave a TODO there)`);
    if (task.status === 'error') gate.problems.push(`${task.id}: error: ${task.message?.split('\n')[0]}`);
  }
  return gate;
}

function printTask(id: string, asExpected: boolean, status: string, code: string, durationMs = 0): void {
  console.log(`  ${asExpected ? pc.green('✓') : pc.red('✗')} ${code.padEnd(8)} ${id.padEnd(28)} ${pc.dim(`${status} ${(durationMs / 1000).toFixed(1)} s`)}`);
}

/**
 * The docker backend and its stacks on a real engine (scripts/vitest.docker.config.ts).
 * Without an engine it is skipped, unless LAB_DOCKER_GATE is set: `required` (CI, which starts one; stand-ins) or
 * `official` (GitHub's runner: the official images).
 */
async function dockerGate(): Promise<Gate> {
  const images = process.env.LAB_DOCKER_GATE === 'official' ? 'the official images' : 'stand-in images';
  const name = `the docker backend on a real engine (${images}; labs 1, 8 on Flink SQL and 9 graded through it)`;
  if (!(await dockerEngineAnswers())) {
    if (process.env.LAB_DOCKER_GATE) return { name, problems: [`no Docker engine answers, and LAB_DOCKER_GATE=${process.env.LAB_DOCKER_GATE}: start one (\`.ci/run\` starts Debian's dockerd)`] };
    return { name, problems: [], skipped: 'no Docker engine answers' };
  }
  return unitTests(name, 'scripts/vitest.docker.config.ts', { LAB_BACKEND: 'docker' });
}

async function unitTests(name: string, config: string, env: Record<string, string> = {}): Promise<Gate> {
  console.log(pc.bold(`\n${name}`));
  const vitest = path.join(repoRoot, 'node_modules', '.bin', 'vitest');
  const result = await execa(vitest, ['run', '--config', config], { cwd: repoRoot, stdio: 'inherit', reject: false, env });
  return { name, problems: result.exitCode === 0 ? [] : [`vitest exited with ${result.exitCode}: see above`] };
}

async function hasTestScript(folder: string): Promise<boolean> {
  const { default: pkg } = (await import(path.join(repoRoot, folder, 'package.json'), { with: { type: 'json' } })) as { default: { scripts?: Record<string, string> } };
  return Boolean(pkg.scripts?.test);
}

/** A workspace's tests, their output kept for the caller to print. */
async function workspaceTests(name: string, pkg: string): Promise<Gate & { output: string }> {
  const result = await execa('pnpm', ['--filter', pkg, 'test'], { cwd: repoRoot, all: true, reject: false, env: process.stdout.isTTY ? { FORCE_COLOR: '1' } : {} });
  return { name, output: result.all ?? '', problems: result.exitCode === 0 ? [] : [`\`pnpm --filter ${pkg} test\` exited with ${result.exitCode}: see above`] };
}
