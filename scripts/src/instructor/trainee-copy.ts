import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { UserError } from '../cli/errors.js';
import { git, resolveCommit } from './git.js';

/** What a trainee copy leaves out: the solutions, the instructor scripts, the course's own CI. */
export const INSTRUCTOR_ONLY = ['solutions', 'scripts/src/instructor', '.ci'];

export interface TraineeCopyOptions {
  repo: string;
  /** A new folder for the copy. */
  dest: string;
  from?: string;
}

/**
 * Exports the course for trainees into `dest`, a new git repository with one commit: the committed content
 * of `from` without INSTRUCTOR_ONLY. The checks, harness and tamper manifest stay: `pnpm grade` needs them.
 */
export async function exportTraineeCopy({ repo, dest, from = 'HEAD' }: TraineeCopyOptions): Promise<void> {
  const commit = await resolveCommit(repo, from);
  if (fs.existsSync(dest) && fs.readdirSync(dest).length > 0) throw new UserError(`${dest} is not empty: choose a new folder for the trainee copy`);
  fs.mkdirSync(dest, { recursive: true });
  await execa('git', ['-C', repo, 'archive', '--format=tar', commit]).pipe('tar', ['-x', '-C', dest]);
  for (const entry of INSTRUCTOR_ONLY) fs.rmSync(path.join(dest, entry), { recursive: true, force: true });

  const packageFile = path.join(dest, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(packageFile, 'utf8')) as { scripts: Record<string, string> };
  delete pkg.scripts.instructor;
  delete pkg.scripts.mistakes;
  fs.writeFileSync(packageFile, `${JSON.stringify(pkg, null, 2)}\n`);
  // The workspace lists solutions/*: without them, drop their entries so `pnpm install --frozen-lockfile` agrees.
  const workspace = path.join(dest, 'pnpm-workspace.yaml');
  fs.writeFileSync(workspace, fs.readFileSync(workspace, 'utf8').replace(/^\s*- solutions\/\*\n/m, ''));

  const readme = path.join(dest, 'README.md');
  fs.writeFileSync(readme, traineeReadme(fs.readFileSync(readme, 'utf8')));
  // The lockfile without the solutions' importers: `pnpm install --frozen-lockfile` accepts it, and a plain
  // `pnpm install` leaves it unchanged in the trainee's repository.
  const lockfile = await execa('pnpm', ['install', '--lockfile-only', '--offline', '--ignore-scripts'], { cwd: dest, reject: false, all: true });
  if (lockfile.exitCode !== 0) await execa('pnpm', ['install', '--lockfile-only', '--prefer-offline', '--ignore-scripts'], { cwd: dest });

  await git(dest, ['init', '-q', '-b', 'main']);
  await git(dest, ['add', '-A']);
  await git(dest, ['-c', 'user.name=kafka-labs', '-c', 'user.email=kafka-labs@localhost', 'commit', '-q', '-m', `kafka-labs trainee copy (from ${commit.slice(0, 7)})`]);
}

/** The README without its instructor-only part (solutions, `--solution`, the instructor scripts). */
export function traineeReadme(text: string): string {
  return text.replace(/\n*<!-- instructor-only[\s\S]*?<!-- \/instructor-only -->\n*/g, '\n\n').trimEnd() + '\n';
}
