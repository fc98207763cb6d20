import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../cli/errors.js';
import { labsDir, solutionsDir } from '../paths.js';
import { folderName, WORKSHOPS, type Workshop } from './course.js';
import { labMetaSchema, type LabMeta } from './lab-meta.js';

export interface Lab extends LabMeta {
  number: number;
  /** `02-producer` */
  folder: string;
  /** labs/NN-topic: the trainee's workspace (README, src with TODOs, checks). */
  dir: string;
  /** solutions/NN-topic: the same package, completed. */
  solutionDir: string;
}

export function isWritten(workshop: Workshop): boolean {
  return fs.existsSync(path.join(labsDir, folderName(workshop), 'lab.ts'));
}

/** Finds a workshop by the number the user typed, with an error that says what exists. */
export function findWorkshop(input: string): Workshop {
  const workshop = /^\d+$/.test(input) ? WORKSHOPS.find((w) => w.number === Number(input)) : undefined;
  if (!workshop) throw new UserError(`there is no lab "${input}": the labs are 1 to ${WORKSHOPS.length} (see \`pnpm lab list\`)`);
  return workshop;
}

export async function loadLab(input: string | number): Promise<Lab> {
  const workshop = findWorkshop(String(input));
  if (!isWritten(workshop)) {
    throw new UserError(`lab ${workshop.number} (${workshop.title}) is not written yet: see \`pnpm lab list\` for the labs you can do`);
  }
  const folder = folderName(workshop);
  const dir = path.join(labsDir, folder);
  const file = path.join(dir, 'lab.ts');
  const module = (await import(pathToFileURL(file).href)) as { default: unknown };
  const parsed = labMetaSchema.safeParse(module.default);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${path.relative(process.cwd(), file)}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return { ...parsed.data, number: workshop.number, folder, dir, solutionDir: path.join(solutionsDir, folder) };
}

/** The lab's reference solution folder; a trainee copy of the course has none. */
export function requireSolution(lab: Lab): string {
  if (!fs.existsSync(lab.solutionDir)) {
    throw new UserError(`this copy of the course has no ${path.relative(process.cwd(), lab.solutionDir)} (a trainee copy, without solutions): ask your instructor, or work on labs/${lab.folder}`);
  }
  return lab.solutionDir;
}

export async function writtenLabs(): Promise<Lab[]> {
  return Promise.all(WORKSHOPS.filter(isWritten).map((w) => loadLab(w.number)));
}
