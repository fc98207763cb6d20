import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository's root folder. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where services keep their jars, data and logs; `LAB_STATE_DIR` moves it. Never holds trainee code. */
export const stateDir = path.resolve(process.env.LAB_STATE_DIR ?? path.join(repoRoot, '.state'));

export const labsDir = path.join(repoRoot, 'labs');
export const solutionsDir = path.join(repoRoot, 'solutions');
export const dockerDir = path.join(repoRoot, 'docker');

/** Shows a path relative to the repository when it is inside it. */
export function shortPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel.startsWith('..') ? p : rel;
}
