import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../cli/errors.js';
import { git, resolveCommit, solvedLabs } from './git.js';

export interface SolutionBranchOptions {
  repo: string;
  /** The branch to create or update. */
  branch?: string;
  /** The commit whose labs and solutions are used. */
  from?: string;
}

/**
 * Creates or updates the instructor's branch in which each `labs/NN/src` holds the solution's code, so that
 * `git diff main solutions -- labs/02-*` shows exactly what a trainee has to write. Built from committed
 * content with a temporary index: the working tree and the current branch are never touched.
 * Returns the new commit, or undefined when the branch was already up to date.
 */
export async function updateSolutionBranch({ repo, branch = 'solutions', from = 'HEAD' }: SolutionBranchOptions): Promise<string | undefined> {
  const base = await resolveCommit(repo, from);
  const current = await git(repo, ['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => '');
  if (current === branch) throw new UserError(`${branch} is checked out in ${repo}: switch to another branch first (git switch main)`);
  const labs = await solvedLabs(repo, base);
  if (labs.length === 0) throw new UserError(`no solutions/NN-* folder at ${from}: nothing to put in ${branch}`);

  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'solution-index-'));
  const env = { GIT_INDEX_FILE: path.join(indexDir, 'index') };
  try {
    await git(repo, ['read-tree', base], { env });
    for (const lab of labs) {
      await git(repo, ['rm', '-r', '-q', '--cached', '--ignore-unmatch', `labs/${lab}/src`], { env });
      const entries = (await git(repo, ['ls-tree', '-r', base, `solutions/${lab}/src/`])).split('\n').filter(Boolean);
      // "<mode> blob <sha>\tsolutions/NN/src/x.ts" → the same blob at labs/NN/src/x.ts
      const moved = entries.map((line) => line.replace(`\tsolutions/${lab}/src/`, `\tlabs/${lab}/src/`)).join('\n');
      await git(repo, ['update-index', '--add', '--index-info'], { env, input: `${moved}\n` });
    }
    const tree = await git(repo, ['write-tree'], { env });
    const previous = await git(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).catch(() => '');
    if (previous && (await git(repo, ['rev-parse', `${previous}^{tree}`])) === tree) return undefined;
    const short = base.slice(0, 7);
    const message = `Solutions in labs/ (${labs.join(', ')}), from ${short}\n\ngit diff ${short} ${branch} -- labs/ shows what trainees write.`;
    const commit = await git(repo, ['commit-tree', tree, '-p', previous || base, '-m', message]);
    await git(repo, ['update-ref', `refs/heads/${branch}`, commit]);
    return commit;
  } finally {
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
}
