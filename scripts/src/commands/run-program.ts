import path from 'node:path';
import { execa } from 'execa';
import { UserError } from '../cli/errors.js';
import { loadLab, requireSolution } from '../course/load-lab.js';
import { applySchema } from '../course/schema.js';
import { repoRoot } from '../paths.js';
import { startServices } from '../services/start.js';

/** `pnpm lab N run <program> -- <args>`: one of the lab's programs, by hand, against the running services. */
export async function runProgram(number: string, program: string | undefined, args: string[], options: { solution?: boolean; backend?: string }): Promise<number> {
  const lab = await loadLab(number);
  const names = Object.keys(lab.programs);
  if (!program || !lab.programs[program]) {
    const choice = names.length ? `lab ${lab.number}'s programs are ${names.join(', ')}` : `lab ${lab.number} has no program to run`;
    throw new UserError(`${program ? `lab ${lab.number} has no program "${program}"` : `which program? \`pnpm lab ${lab.number} run <program> -- <args>\``}: ${choice}`);
  }
  const labDir = options.solution ? requireSolution(lab) : lab.dir;
  const { env } = await startServices(lab.services, options.backend, { quiet: true, labDir });
  await applySchema(lab, env);
  const file = path.join(labDir, lab.programs[program]!);
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const runner = path.join(repoRoot, 'scripts', 'src', 'checks', 'program-main.ts');
  // From the lab's folder, as the trainee reads its files (config/, schemas/, ssl/).
  const result = await execa(tsx, [runner, file, ...args], { stdio: 'inherit', reject: false, env: { ...env, LAB_CODE_DIR: path.join(labDir, 'src') } });
  return result.exitCode ?? 1;
}
