import pc from 'picocolors';
import { runChecks } from '../checks/run-checks.js';
import { withProgress } from '../cli/progress.js';
import type { ServiceName } from '../course/lab-meta.js';
import { loadLab, requireSolution, writtenLabs, type Lab } from '../course/load-lab.js';
import { loadMistakes, prepareMistake } from '../course/mistakes.js';
import { startServices } from '../services/start.js';

/**
 * Every plausible wrong implementation of the given labs is caught: the checks of the task it breaks `fail`
 * (an `error` is no proof, a `pass` lets the mistake through). Only that task's checks run. Returns the problems.
 */
export async function proveMistakesCaught(labs: Lab[], env: Record<string, string>): Promise<string[]> {
  const problems: string[] = [];
  for (const lab of labs) {
    for (const mistake of loadMistakes(lab)) {
      const codeDir = await prepareMistake(lab, mistake);
      const result = await withProgress(`lab ${lab.number}: ${mistake.id} (${mistake.task})`, () => runChecks({ lab, code: 'solution', env, quiet: true, codeDir, task: mistake.task }));
      const task = result.tasks.find((t) => t.id === mistake.task)!;
      // A mistake that does not even load proves nothing about the checks.
      const caught = task.status === 'fail' && !task.loadError;
      console.log(`  ${caught ? pc.green('✓') : pc.red('✗')} ${mistake.id.padEnd(34)} ${pc.dim(`${task.status} ${((task.durationMs ?? 0) / 1000).toFixed(1)} s: ${(task.message ?? '').split('\n')[0]!.slice(0, 110)}`)}`);
      if (task.status === 'pass') problems.push(`lab ${lab.number}: ${mistake.id} (${mistake.mistake}) passes ${mistake.task}: make its checks catch it`);
      if (task.loadError) problems.push(`lab ${lab.number}: ${mistake.id} does not load (${task.loadError}): make a mistake that compiles`);
      if (task.status === 'error') problems.push(`lab ${lab.number}: ${mistake.id}: error instead of fail: ${task.message?.split('\n')[0]}`);
    }
  }
  return problems;
}

/** `pnpm mistakes [N…]`: the maintainers' wrong implementations, each run against the checks of the task it breaks. */
export async function mistakes(numbers: string[], options: { backend?: string }): Promise<number> {
  const labs = numbers.length ? await Promise.all(numbers.map((n) => loadLab(n))) : await writtenLabs();
  for (const lab of labs) requireSolution(lab);
  const services = [...new Set(labs.flatMap((l) => l.services))] as ServiceName[];
  const { env } = await startServices(services, options.backend);
  const problems = await proveMistakesCaught(labs, env);
  for (const problem of problems) console.log(pc.red(`  ✗ ${problem}`));
  console.log(problems.length ? pc.red(`\n${problems.length} wrong implementation(s) not caught`) : pc.green('\nevery wrong implementation is caught'));
  return problems.length ? 1 : 0;
}
