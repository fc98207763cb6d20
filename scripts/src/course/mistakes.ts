import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { z } from 'zod';
import { UserError } from '../cli/errors.js';
import { ensureCertificates } from '../services/certificates.js';
import { secureLabFiles } from '../services/secure-lab.js';
import { SERVICE_NAMES } from './lab-meta.js';
import type { Lab } from './load-lab.js';

/**
 * A plausible wrong implementation of a lab, kept beside its solution: `solutions/NN/mistakes/<id>.patch`, a
 * unified diff against the solution's src (paths relative to src). The checks of its task must fail it (fail,
 * never error). `mistakes.json` lists them with the task each must fail.
 */
const mistakeSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'mistake ids are kebab-case (they name patch files)'),
  /** The task whose checks must catch it. */
  task: z.string(),
  /** The mistake, as a trainee makes it. */
  mistake: z.string().min(1),
  /**
   * The services its task's checks disturb for whoever else uses them: `kafka` (a broker stopped), `secure` (the
   * secured cluster restarted), `prometheus` (given another configuration). It runs one at a time within its lab,
   * beside no mistake of a lab that uses any of them.
   */
  disturbs: z.array(z.enum(SERVICE_NAMES)).default([]),
});

export interface Mistake extends z.output<typeof mistakeSchema> {
  patch: string;
}

export function mistakesDir(lab: Lab): string {
  return path.join(lab.solutionDir, 'mistakes');
}

/** The mistakes of a lab; each error names the field or file to fix. */
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
    const patch = path.join(mistakesDir(lab), `${m.id}.patch`);
    if (!lab.tasks.some((t) => t.id === m.task)) throw new UserError(`${where}: mistake ${m.id}: no task "${m.task}" in labs/${lab.folder}/lab.ts`);
    const unused = m.disturbs.filter((s) => !lab.services.includes(s));
    if (unused.length) throw new UserError(`${where}: mistake ${m.id}: disturbs ${unused.join(', ')}, which labs/${lab.folder}/lab.ts does not use`);
    if (!fs.existsSync(patch)) throw new UserError(`${where}: mistake ${m.id}: write its diff against solutions/${lab.folder}/src in ${path.relative(process.cwd(), patch)}`);
    return { ...m, patch };
  });
}

/**
 * The code of a mistake, ready for the checks: a copy of the solution's code (src and its other folders, such as
 * schemas) with the mistake's patch applied to src, in a folder beside the solution (so that its packages
 * resolve). Returns that src folder.
 */
export async function prepareMistake(lab: Lab, mistake: Mistake): Promise<string> {
  const copy = path.join(lab.solutionDir, '.mistakes', mistake.id);
  const src = path.join(copy, 'src');
  fs.rmSync(copy, { recursive: true, force: true });
  // The copy gets the solution's certificates (workshop 9): the same files as the solution's, so the secured
  // cluster runs on for it rather than restarting with certificates of its own.
  if (lab.services.includes('secure')) ensureCertificates(secureLabFiles(lab.solutionDir).sslDir);
  for (const entry of fs.readdirSync(lab.solutionDir)) {
    const folder = fs.statSync(path.join(lab.solutionDir, entry)).isDirectory();
    if (folder && !['node_modules', 'mistakes', '.mistakes'].includes(entry)) fs.cpSync(path.join(lab.solutionDir, entry), path.join(copy, entry), { recursive: true });
  }
  const applied = await execa('git', ['apply', '--unsafe-paths', '-p1', mistake.patch], { cwd: src, reject: false, all: true });
  if (applied.exitCode !== 0) {
    throw new UserError(`${path.relative(process.cwd(), mistake.patch)} no longer applies to solutions/${lab.folder}/src (${applied.all?.split('\n')[0]}): make the mistake again on the current solution and save its diff`);
  }
  return src;
}
