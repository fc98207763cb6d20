import pc from 'picocolors';
import { runChecks } from '../checks/run-checks.js';
import { countPassed, type LabResult } from '../checks/results.js';
import { withProgress } from '../cli/progress.js';
import type { ServiceName } from '../course/lab-meta.js';
import { requireSolution, writtenLabs } from '../course/load-lab.js';
import { startServices } from '../services/start.js';

/**
 * `pnpm bench checks`: the warm check run of every written lab, on the solution and on the starter, in one
 * table (services started first, so that only the checks are timed).
 */
export async function benchChecks({ backend }: { backend?: string }): Promise<number> {
  const labs = await writtenLabs();
  for (const lab of labs) requireSolution(lab);
  const { envFor } = await startServices([...new Set(labs.flatMap((l) => l.services))] as ServiceName[], backend);
  const rows: string[] = [];
  for (const lab of labs) {
    const timed = async (code: 'solution' | 'starter'): Promise<{ seconds: number; result: LabResult }> => {
      const started = performance.now();
      const result = await withProgress(`lab ${lab.number}: checks on the ${code}`, () => runChecks({ lab, code, env: envFor(lab.services), quiet: true }));
      return { seconds: (performance.now() - started) / 1000, result };
    };
    const solution = await timed('solution');
    const starter = await timed('starter');
    const slowest = [...solution.result.tasks].sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0))[0];
    rows.push(`  ${String(lab.number).padStart(3)}  ${`${solution.seconds.toFixed(1)} s`.padStart(9)} ${`(${countPassed(solution.result)}/${lab.tasks.length} pass)`.padEnd(12)} ${`${starter.seconds.toFixed(1)} s`.padStart(9)} ${`(${countPassed(starter.result)}/${lab.tasks.length} pass)`.padEnd(12)} ${slowest ? `${slowest.id} ${((slowest.durationMs ?? 0) / 1000).toFixed(1)} s` : ''}`);
  }
  console.log(pc.bold('\nWarm check runs (services already up; goal: ≤ 30 s per lab on the solution, idle 2-core machine)\n'));
  console.log(pc.dim('  lab   solution               starter                slowest task on the solution'));
  for (const row of rows) console.log(row);
  return 0;
}
