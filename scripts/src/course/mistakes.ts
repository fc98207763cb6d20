import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../cli/errors.js';
import type { Lab } from './load-lab.js';

/**
 * A plausible wrong implementation of a lab, kept beside its solution (`solutions/NN/mistakes/`): the solution's
 * src with the files of `mistakes/<id>/` put over it. The checks must fail its task (fail, never error).
 */
const mistakeSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'mistake ids are kebab-case (they name folders)'),
  /** The task whose checks must catch it. */
  task: z.string(),
  /** The mistake, as a trainee makes it. */
  mistake: z.string().min(1),
});

export interface Mistake extends z.output<typeof mistakeSchema> {
  /** The folder of files that replace the solution's (same names as in src/). */
  dir: string;
}

export function mistakesDir(lab: Lab): string {
  return path.join(lab.solutionDir, 'mistakes');
}

/** The mistakes of a lab, from `solutions/NN/mistakes/mistakes.json`; each error names the field or file to fix. */
export function loadMistakes(lab: Lab): Mistake[] {
  const file = path.join(mistakesDir(lab), 'mistakes.json');
  if (!fs.existsSync(file)) return [];
  const where = path.relative(process.cwd(), file);
  const parsed = z.array(mistakeSchema).safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${where}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.map((m) => {
    const dir = path.join(mistakesDir(lab), m.id);
    if (!lab.tasks.some((t) => t.id === m.task)) throw new UserError(`${where}: mistake ${m.id}: no task "${m.task}" in labs/${lab.folder}/lab.ts`);
    const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    if (files.length === 0) throw new UserError(`${where}: mistake ${m.id}: put the wrong files in ${path.relative(process.cwd(), dir)}/`);
    for (const name of files) {
      if (!fs.existsSync(path.join(lab.solutionDir, 'src', name))) throw new UserError(`${where}: mistake ${m.id}: ${name} replaces no file of solutions/${lab.folder}/src`);
    }
    return { ...m, dir };
  });
}

/**
 * The code of a mistake, ready for the checks: the solution's src with the mistake's files over it, in a
 * folder beside the solution (so that its packages resolve). Returns that src folder.
 */
export function prepareMistake(lab: Lab, mistake: Mistake): string {
  const src = path.join(lab.solutionDir, '.mistakes', mistake.id, 'src');
  fs.rmSync(path.dirname(src), { recursive: true, force: true });
  fs.cpSync(path.join(lab.solutionDir, 'src'), src, { recursive: true });
  fs.cpSync(mistake.dir, src, { recursive: true });
  return src;
}
