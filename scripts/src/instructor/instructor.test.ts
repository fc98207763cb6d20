import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../paths.js';
import { git, solvedLabs } from './git.js';
import { updateSolutionBranch } from './solution-branch.js';
import { exportTraineeCopy, INSTRUCTOR_ONLY } from './trainee-copy.js';

// Both scripts run on a temporary clone of this repository (its committed content), never on the real one.
let work: string;
let repo: string;
let labs: string[];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-labs-instructor-'));
  repo = path.join(work, 'course');
  await execa('git', ['clone', '-q', '--no-local', repoRoot, repo]);
  await git(repo, ['config', 'user.name', 'test']);
  await git(repo, ['config', 'user.email', 'test@localhost']);
  labs = await solvedLabs(repo, 'HEAD');
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** path → blob id of every file under `dir` at `rev`. */
async function filesAt(rev: string, dir: string): Promise<Map<string, string>> {
  const lines = (await git(repo, ['ls-tree', '-r', rev, `${dir}/`])).split('\n').filter(Boolean);
  return new Map(lines.map((l) => [l.split('\t')[1]!.slice(dir.length + 1), l.split(/\s+/)[2]!]));
}

describe('the solution branch', () => {
  it('puts each solution in labs/NN/src, and changes nothing else', async () => {
    expect(labs.length).toBeGreaterThan(0);
    const commit = await updateSolutionBranch({ repo });
    expect(commit).toBeDefined();
    for (const lab of labs) expect(await filesAt('solutions', `labs/${lab}/src`), `labs/${lab}/src on the branch`).toEqual(await filesAt('HEAD', `solutions/${lab}/src`));
    const changed = (await git(repo, ['diff', '--name-only', 'HEAD', 'solutions', '--'])).split('\n');
    expect(changed.every((file) => labs.some((lab) => file.startsWith(`labs/${lab}/src/`))), `changed files: ${changed.join(', ')}`).toBe(true);
    expect(await git(repo, ['status', '--porcelain']), 'the working tree stays clean').toBe('');
  });

  it('is updated in place, with no empty commit when nothing changed', async () => {
    const first = await git(repo, ['rev-parse', 'solutions']);
    expect(await updateSolutionBranch({ repo })).toBeUndefined();
    expect(await git(repo, ['rev-parse', 'solutions'])).toBe(first);
  });
});

describe('the trainee copy', () => {
  it('has no solution, no instructor script, and the starters, checks and manifest intact', async () => {
    const dest = path.join(work, 'trainee');
    await exportTraineeCopy({ repo, dest });
    for (const entry of INSTRUCTOR_ONLY) expect(fs.existsSync(path.join(dest, entry)), `${entry} in the copy`).toBe(false);
    const pkg = JSON.parse(fs.readFileSync(path.join(dest, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(Object.keys(pkg.scripts)).not.toContain('instructor');
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['lab', 'grade']));

    const copied = (await git(dest, ['ls-files'])).split('\n');
    const copiedBlobs = new Set((await git(dest, ['ls-files', '-s'])).split('\n').map((l) => l.split(/\s+/)[1]));
    for (const lab of labs) {
      const starter = await filesAt('HEAD', `labs/${lab}`);
      for (const [file, blob] of starter) {
        expect(copied, `labs/${lab}/${file}`).toContain(`labs/${lab}/${file}`);
        expect(await git(dest, ['hash-object', `labs/${lab}/${file}`]), `labs/${lab}/${file} unchanged`).toBe(blob);
      }
      // No solution leaked: no file of the copy holds a solution file that differs from its starter.
      const solutionBlobs = [...(await filesAt('HEAD', `solutions/${lab}/src`))].filter(([file, blob]) => starter.get(`src/${file}`) !== blob).map(([, blob]) => blob);
      expect(solutionBlobs.filter((blob) => copiedBlobs.has(blob)), 'solution files found in the copy').toEqual([]);
    }
    expect(fs.existsSync(path.join(dest, 'checks.manifest.json'))).toBe(true);
    expect(await git(dest, ['log', '--oneline'])).toMatch(/trainee copy/);
  });

  it('has a trainee README and a lockfile that pnpm install keeps as it is', async () => {
    const dest = path.join(work, 'trainee');
    const readme = fs.readFileSync(path.join(dest, 'README.md'), 'utf8');
    expect(readme).toMatch(/pnpm lab 1/);
    for (const instructorOnly of ['solutions/', '--solution', 'pnpm instructor', 'pnpm mistakes', 'instructor-only']) expect(readme, `the trainee README mentions ${instructorOnly}`).not.toContain(instructorOnly);
    const install = await execa('pnpm', ['install', '--frozen-lockfile', '--offline', '--ignore-scripts'], { cwd: dest, reject: false, all: true });
    expect(install.exitCode, install.all).toBe(0);
    expect(await git(dest, ['status', '--porcelain']), 'files changed by pnpm install').toBe('');
  }, 120_000);

  it('refuses a folder that is not empty', async () => {
    await expect(exportTraineeCopy({ repo, dest: repo })).rejects.toThrow(/is not empty/);
  });
});
