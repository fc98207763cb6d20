import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { loadLab } from '../course/load-lab.js';
import { stateDir } from '../paths.js';
import type { LabResult } from '../checks/results.js';

/** `pnpm lab N hint`: the hint of the first task that did not pass in the last run (all hints before any run). */
export async function showHint(number: string): Promise<number> {
  const lab = await loadLab(number);
  const last = readLastResult(lab.folder);
  const open = last ? lab.tasks.filter((t) => last.tasks.find((r) => r.id === t.id)?.status !== 'pass') : lab.tasks;
  if (open.length === 0) {
    console.log(pc.green(`Every task of lab ${lab.number} passed in your last run: nothing to hint.`));
    return 0;
  }
  const tasks = last ? open.slice(0, 1) : open;
  if (!last) console.log(pc.dim(`You have not run lab ${lab.number}'s checks yet (\`pnpm lab ${lab.number}\`): here is the hint of each of its ${open.length} tasks.\n`));
  else console.log(pc.dim(`The first task that did not pass in your last run (${new Date(fs.statSync(resultFile(lab.folder)).mtime).toLocaleString()}):\n`));
  for (const task of tasks) {
    console.log(`${pc.bold(task.id)} — ${task.title}\n  ${pc.cyan('hint:')} ${task.hint}`);
    if (task.slide) console.log(`  ${pc.dim(`slides: ${task.slide}`)}`);
  }
  const more = open.length - 1;
  if (last && more > 0) console.log(pc.dim(`\n(${more} more task${more === 1 ? '' : 's'} to go; fix this one and run \`pnpm lab ${lab.number}\` again)`));
  return 0;
}

function readLastResult(folder: string): LabResult | undefined {
  try {
    return JSON.parse(fs.readFileSync(resultFile(folder), 'utf8')) as LabResult;
  } catch {
    return undefined;
  }
}

function resultFile(folder: string): string {
  return path.join(stateDir, 'results', `lab-${folder}-starter.json`);
}
