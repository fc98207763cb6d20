import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { WORKSHOPS } from '../course/course.js';
import { hintsUsed } from '../course/hints-used.js';
import { isWritten, type Lab } from '../course/load-lab.js';
import { countPassed, type LabResult } from './results.js';

/** ✓/✗ per task; for each ✗ what was expected and found; then `k/m tasks pass` and where a hint is. */
export function formatLabResult(lab: Lab, result: LabResult): string {
  const lines = [pc.bold(`Lab ${lab.number}: checks on ${result.code === 'solution' ? 'the solution' : 'your code'}`)];
  // A compile error is said once, with where it is, not once per task whose checks could not load the code.
  for (const error of new Set(result.tasks.flatMap((t) => (t.loadError ? [t.loadError] : [])))) {
    const tasks = result.tasks.filter((t) => t.loadError === error).map((t) => t.id);
    lines.push(`  ${pc.red('✖ the code does not compile:')} ${error}`, pc.dim(`    (the checks of ${tasks.join(', ')} could not run; progress is kept until it compiles)`));
  }
  for (const task of result.tasks) {
    if (task.loadError) {
      lines.push(`  ${pc.red('✗')} ${task.id} ${pc.dim(`— ${task.title} (not run: the code does not compile)`)}`);
      continue;
    }
    if (task.status === 'pass') {
      lines.push(`  ${pc.green('✓')} ${task.id} ${pc.dim(`— ${task.title}`)}`);
      continue;
    }
    const mark = task.status === 'error' ? pc.yellow('!') : pc.red('✗');
    lines.push(`  ${mark} ${task.id} ${pc.dim(`— ${task.title}`)}`);
    if (task.message) lines.push(...indent(task.status === 'error' ? `environment problem, not your code: ${task.message}` : task.message));
  }
  const passed = countPassed(result);
  const total = result.tasks.length;
  const summary = `${passed}/${total} tasks pass`;
  lines.push('', passed === total ? pc.green(pc.bold(summary)) : pc.bold(summary));
  const stuck = result.tasks.find((t) => t.status === 'fail' && !t.loadError);
  if (stuck && result.code === 'starter') {
    const used = hintsUsed(lab, stuck.id);
    const next = used < 3 ? `hint ${used + 1} of 3` : 'its 3 hints again';
    lines.push(pc.dim(`Stuck on ${stuck.id}? \`pnpm lab ${lab.number} hint\` shows ${next}.`));
  }
  return lines.join('\n');
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => `      ${line}`);
}

/** After a run of the trainee's code where every task passes: where the reference is, and what comes next. */
export function nextStep(lab: Lab, result: LabResult): string | undefined {
  if (result.code !== 'starter' || countPassed(result) !== result.tasks.length) return undefined;
  const next = WORKSHOPS.find((w) => w.number > lab.number && isWritten(w));
  const then = next ? `then go on with \`pnpm lab ${next.number}\` (${next.title})` : 'that was the last workshop written so far';
  const compare = fs.existsSync(lab.solutionDir) ? `Compare with the reference in ${path.relative(process.cwd(), lab.solutionDir)}, ${then}` : `${then[0]!.toUpperCase()}${then.slice(1)}`;
  return pc.green(`Well done! ${compare}.`);
}
