import { execa, type Options } from 'execa';
import { UserError } from '../cli/errors.js';

/** Runs git in `repo` and returns its stdout; a failure becomes one line that names the command. */
export async function git(repo: string, args: string[], options: Options = {}): Promise<string> {
  const result = await execa('git', ['-C', repo, ...args], { reject: false, ...options });
  if (result.exitCode !== 0) throw new UserError(`git ${args.join(' ')} failed in ${repo}: ${String(result.stderr).trim().split('\n').at(-1)}`);
  return String(result.stdout).trim();
}

export async function resolveCommit(repo: string, rev: string): Promise<string> {
  return git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).catch(() => {
    throw new UserError(`"${rev}" is not a commit of ${repo}`);
  });
}

/** The lab folders that have a solution at `commit` (`02-producer`, …). */
export async function solvedLabs(repo: string, commit: string): Promise<string[]> {
  const folders = (await git(repo, ['ls-tree', '-d', '--name-only', commit, 'solutions/'])).split('\n').filter(Boolean);
  return folders.map((f) => f.replace(/^solutions\//, '')).filter((f) => /^\d\d-/.test(f));
}
