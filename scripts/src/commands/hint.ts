import fs from 'node:fs';
import pc from 'picocolors';
import { hintsUsed, recordHintUsed } from '../course/hints-used.js';
import { loadLab } from '../course/load-lab.js';
import { resultsFile, type LabResult } from '../checks/results.js';

const LEVELS = ['the concept', 'the API', 'close to the code'];

/**
 * `pnpm lab N hint`: the next hint level of the first task that did not pass in the last run (the first task
 * before any run). Levels opened stay open, and are recorded for the grade report.
 */
export async function showHint(number: string): Promise<number> {
  const lab = await loadLab(number);
  const last = readLastResult(lab.folder);
  const open = last ? lab.tasks.filter((t) => last.tasks.find((r) => r.id === t.id)?.status !== 'pass') : lab.tasks;
  const task = open[0];
  if (!task) {
    console.log(pc.green(`Every task of lab ${lab.number} passed in your last run: nothing to hint.`));
    return 0;
  }
  const level = Math.min(hintsUsed(lab, task.id) + 1, task.hints.length);
  recordHintUsed(lab, task.id, level);
  if (!last) console.log(pc.dim(`You have not run lab ${lab.number}'s checks yet (\`pnpm lab ${lab.number}\`): the first task.\n`));
  console.log(`${pc.bold(task.id)} — ${task.title}\n`);
  for (let i = 0; i < level; i++) {
    const text = `  ${pc.cyan(`hint ${i + 1}/${task.hints.length} (${LEVELS[i] ?? 'more'}):`)} ${task.hints[i]}`;
    console.log(i === level - 1 ? text : pc.dim(text));
  }
  if (task.slide) console.log(pc.dim(`  slides: ${task.slide}`));
  console.log(pc.dim(level < task.hints.length
    ? `\n(\`pnpm lab ${lab.number} hint\` again for the next level; the levels you open are recorded in labs/hints-used.json for your grade report)`
    : `\n(that was the last hint for this task; the levels you opened are recorded in labs/hints-used.json)`));
  return 0;
}

function readLastResult(folder: string): LabResult | undefined {
  try {
    return JSON.parse(fs.readFileSync(resultsFile(folder, 'starter'), 'utf8')) as LabResult;
  } catch {
    return undefined;
  }
}
