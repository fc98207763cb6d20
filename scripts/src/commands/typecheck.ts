import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { labsDir, repoRoot, solutionsDir } from '../paths.js';

/** Every TypeScript project of the course: the tool, the slides, each lab and each solution. */
export function typeScriptProjects(): string[] {
  const inside = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((name) => path.join(dir, name)) : []);
  return [path.join(repoRoot, 'scripts'), path.join(repoRoot, 'slides'), ...inside(labsDir), ...inside(solutionsDir)]
    .filter((dir) => fs.existsSync(path.join(dir, 'tsconfig.json')));
}

/**
 * Runs `tsc --noEmit` on each project, as many at once as the machine has cores; returns one line per project with
 * type errors (the errors are printed).
 */
export async function typecheck(): Promise<string[]> {
  const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
  const queue = typeScriptProjects();
  const failed = new Map<string, string>();
  await Promise.all(Array.from({ length: os.availableParallelism() }, async () => {
    for (let project = queue.shift(); project; project = queue.shift()) {
      const result = await execa(tsc, ['-p', project, '--noEmit', '--pretty'], { cwd: repoRoot, reject: false, all: true });
      if (result.exitCode !== 0) failed.set(project, result.all ?? '');
    }
  }));
  return typeScriptProjects().filter((p) => failed.has(p)).map((project) => {
    console.log(failed.get(project));
    return `${path.relative(repoRoot, project)}: type errors (see above; \`pnpm typecheck\` shows them again)`;
  });
}
