import pc from 'picocolors';
import { runChecks } from '../checks/run-checks.js';
import { withProgress } from '../cli/progress.js';
import type { ServiceName } from '../course/lab-meta.js';
import { loadLab, requireSolution, writtenLabs, type Lab } from '../course/load-lab.js';
import { loadMistakes, prepareMistake, type Mistake } from '../course/mistakes.js';
import type { TaskResult } from '../checks/results.js';
import { startServices } from '../services/start.js';

/** Wrong implementations checked at once: their checks mostly wait on brokers and time-outs, each on its own topics. */
const AT_ONCE = 3;

/**
 * Every plausible wrong implementation of the given labs is caught: the checks of the task it breaks `fail`
 * (an `error` is no proof, a `pass` lets the mistake through). Only that task's checks run, up to AT_ONCE
 * mistakes at a time. Those whose checks disturb a service (`disturbs`) run one by one within their lab, beside no
 * mistake of a lab that uses it: from the start when no other lab's mistakes use it (workshop 9's secured cluster,
 * workshop 10's Prometheus), else afterwards (a broker stopped), side by side with those that disturb nothing of
 * theirs. Returns the problems.
 */
export async function proveMistakesCaught(labs: Lab[], envFor: (services: readonly ServiceName[]) => Record<string, string>, { onPoolDone }: { onPoolDone?: () => void } = {}): Promise<string[]> {
  const all = labs.flatMap((lab) => loadMistakes(lab).map((mistake) => ({ lab, mistake })));
  const verdicts = new Map<(typeof all)[number], { line: string; problem?: string }>();
  const running = new Set<string>();
  await withProgress(`${all.length} wrong implementations, each against the checks of its task`, async (report) => {
    const prove = async (entry: (typeof all)[number]) => {
      const { lab, mistake } = entry;
      const name = `lab ${lab.number} ${mistake.id}`;
      running.add(name);
      report(`${verdicts.size}/${all.length} done; running ${[...running].join(', ')}`);
      const codeDir = await prepareMistake(lab, mistake);
      const result = await runChecks({ lab, code: 'solution', env: envFor(lab.services), quiet: true, codeDir, task: mistake.task });
      verdicts.set(entry, judge(lab, mistake, result.tasks.find((t) => t.id === mistake.task)!));
      running.delete(name);
      report(`${verdicts.size}/${all.length} done; running ${[...running].join(', ') || 'nothing'}`);
    };
    const inWaves = async (entries: typeof all) => {
      for (const wave of disturbingWaves(entries)) {
        await Promise.all(wave.map(async (group) => {
          for (const entry of group) await prove(entry);
        }));
      }
    };
    const pool = all.filter((e) => e.mistake.disturbs.length === 0);
    const poolServices = new Set(pool.flatMap((e) => e.lab.services));
    const disturbing = all.filter((e) => e.mistake.disturbs.length > 0);
    const beside = disturbing.filter((e) => e.mistake.disturbs.every((s) => !poolServices.has(s)));
    await Promise.all([
      ...Array.from({ length: AT_ONCE }, async () => {
        for (let next = pool.shift(); next; next = pool.shift()) await prove(next);
      }),
      inWaves(beside),
    ]);
    // What is left (a broker stopped, one mistake at a time) leaves the machine mostly idle.
    onPoolDone?.();
    await inWaves(disturbing.filter((e) => !beside.includes(e)));
  });
  let lab: Lab | undefined;
  for (const entry of all) {
    if (entry.lab !== lab) console.log(pc.dim(`lab ${entry.lab.number}`));
    lab = entry.lab;
    console.log(verdicts.get(entry)!.line);
  }
  return all.flatMap((e) => verdicts.get(e)!.problem ?? []);
}

/**
 * The mistakes that disturb a service, by lab, in waves: no lab of a wave disturbs a service another one uses, so
 * one lab's mistakes (a broker stopped, a cluster restarted) cannot disturb another's.
 */
export function disturbingWaves<T extends { lab: Pick<Lab, 'number' | 'services'>; mistake: Pick<Mistake, 'disturbs'> }>(entries: T[]): T[][][] {
  const byLab = new Map<number, T[]>();
  for (const entry of entries) byLab.set(entry.lab.number, [...(byLab.get(entry.lab.number) ?? []), entry]);
  const disturbs = (group: T[], other: T[]) => group.some((e) => e.mistake.disturbs.some((s) => other[0]!.lab.services.includes(s)));
  const waves: T[][][] = [];
  for (const group of byLab.values()) {
    const wave = waves.find((w) => w.every((other) => !disturbs(group, other) && !disturbs(other, group)));
    if (wave) wave.push(group);
    else waves.push([group]);
  }
  return waves;
}

function judge(lab: Lab, mistake: Mistake, task: TaskResult): { line: string; problem?: string } {
  // A mistake that does not even load proves nothing about the checks.
  const caught = task.status === 'fail' && !task.loadError;
  const line = `  ${caught ? pc.green('✓') : pc.red('✗')} ${mistake.id.padEnd(34)} ${pc.dim(`${task.status} ${((task.durationMs ?? 0) / 1000).toFixed(1)} s: ${(task.message ?? '').split('\n')[0]!.slice(0, 110)}`)}`;
  if (task.status === 'pass') return { line, problem: `lab ${lab.number}: ${mistake.id} (${mistake.mistake}) passes ${mistake.task}: make its checks catch it` };
  if (task.loadError) return { line, problem: `lab ${lab.number}: ${mistake.id} does not load (${task.loadError}): make a mistake that compiles` };
  if (task.status === 'error') return { line, problem: `lab ${lab.number}: ${mistake.id}: error instead of fail: ${task.message?.split('\n')[0]}` };
  return { line };
}

/** `pnpm mistakes [N…]`: the maintainers' wrong implementations, each run against the checks of the task it breaks. */
export async function mistakes(numbers: string[], options: { backend?: string }): Promise<number> {
  const labs = numbers.length ? await Promise.all(numbers.map((n) => loadLab(n))) : await writtenLabs();
  for (const lab of labs) requireSolution(lab);
  const services = [...new Set(labs.flatMap((l) => l.services))] as ServiceName[];
  const { envFor } = await startServices(services, options.backend);
  const problems = await proveMistakesCaught(labs, envFor);
  for (const problem of problems) console.log(pc.red(`  ✗ ${problem}`));
  console.log(problems.length ? pc.red(`\n${problems.length} wrong implementation(s) not caught`) : pc.green('\nevery wrong implementation is caught'));
  return problems.length ? 1 : 0;
}
