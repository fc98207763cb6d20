import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { labsDir, repoRoot, solutionsDir } from '../paths.js';

/** Every TypeScript project of the course: the tool, the slides, each lab and each solution. */
export function typeScriptProjects(): string[] {
  const inside = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((name) => path.join(dir, name)) : []);
  return [path.join(repoRoot, 'scripts'), path.join(repoRoot, 'slides'), ...inside(labsDir), ...inside(solutionsDir)]
    .filter((dir) => fs.existsSync(path.join(dir, 'tsconfig.json')));
}

/** Runs `tsc --noEmit` on each project; returns one line per project with type errors (the errors are printed). */
export async function typecheck(): Promise<string[]> {
  const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
  const problems: string[] = [];
  for (const project of typeScriptProjects()) {
    const result = await execa(tsc, ['-p', project, '--noEmit', '--pretty'], { cwd: repoRoot, reject: false, all: true });
    if (result.exitCode !== 0) {
      console.log(result.all);
      problems.push(`${path.relative(repoRoot, project)}: type errors (see above; \`pnpm typecheck\` shows them again)`);
    }
  }
  return problems;
}
