import path from 'node:path';
import pc from 'picocolors';
import { loadLab, requireSolution } from '../course/load-lab.js';
import { runChecks } from '../checks/run-checks.js';
import { countPassed } from '../checks/results.js';
import { describeEndpoints, startServices } from '../services/start.js';

export interface CheckOptions {
  solution?: boolean;
  watch?: boolean;
  backend?: string;
}

/** `pnpm lab N`: services up, where the instructions are, then the lab's checks on the trainee's code. */
export async function checkLab(number: string, options: CheckOptions): Promise<number> {
  const lab = await loadLab(number);
  if (options.solution) requireSolution(lab);
  const { env, endpoints } = await startServices(lab.services, options.backend);
  const code = options.solution ? 'solution' : 'starter';
  console.log(`\n${pc.bold(`Lab ${lab.number} — ${lab.title}`)}`);
  console.log(`  instructions             ${path.relative(process.cwd(), path.join(lab.dir, 'README.md'))}`);
  console.log(`  code under test          ${path.relative(process.cwd(), path.join(code === 'solution' ? lab.solutionDir : lab.dir, 'src'))}`);
  for (const line of describeEndpoints(endpoints)) console.log(`  ${line}`);
  const result = await runChecks({ lab, code, env, watch: options.watch, saveProgress: code === 'starter' });
  if (result.tasks.some((t) => t.status === 'error')) return 2;
  return countPassed(result) === result.tasks.length ? 0 : 1;
}
