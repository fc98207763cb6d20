import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFilesOf } from '../checks/run-checks.js';
import { WORKSHOPS } from './course.js';
import { writtenLabs } from './load-lab.js';

const labs = await writtenLabs();
const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).sort() : []);

describe('the course layout', () => {
  it('has ten workshops numbered 1 to 10, and written labs among them', () => {
    expect(WORKSHOPS.map((w) => w.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(labs.length).toBeGreaterThan(0);
  });

  describe.each(labs.map((lab) => [lab.folder, lab] as const))('labs/%s', (_, lab) => {
    it('has a README that says how to check the work', () => {
      expect(fs.readFileSync(path.join(lab.dir, 'README.md'), 'utf8')).toContain(`pnpm lab ${lab.number}`);
    });

    // The trainee's work: src/ and the lab's other folders of their own (sql/, config/, schemas/ …).
    const workFiles = (dir: string) => fs.readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !['checks', 'node_modules', 'ssl', 'mistakes', '.mistakes'].includes(e.name))
      .flatMap((e) => fs.readdirSync(path.join(dir, e.name), { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, e.name, f)).isFile()).map((f) => path.join(e.name, f)))
      .sort();

    it('has TODO markers in its starter (labs/NN/src, and sql/ or config/ where the work is)', () => {
      const withTodo = workFiles(lab.dir).filter((f) => fs.readFileSync(path.join(lab.dir, f), 'utf8').includes('TODO'));
      expect(withTodo, 'starter files with a TODO').not.toEqual([]);
    });

    it('has a solution with the same source files, and no TODO left in it', () => {
      expect(filesIn(path.join(lab.solutionDir, 'src')), `files of solutions/${lab.folder}/src`).toEqual(filesIn(path.join(lab.dir, 'src')));
      for (const f of workFiles(lab.solutionDir)) expect(fs.readFileSync(path.join(lab.solutionDir, f), 'utf8'), f).not.toMatch(/TODO/);
    });

    it('has checks, and unique task ids with a hint each', () => {
      expect(filesIn(path.join(lab.dir, 'checks')).filter((f) => f.endsWith('.check.ts')), 'checks/*.check.ts').not.toEqual([]);
      const ids = lab.tasks.map((t) => t.id);
      expect(new Set(ids).size, 'distinct task ids').toBe(ids.length);
    });

    it('declares each task\'s checks in a describe block named after it (a run of one task runs only those files)', () => {
      expect(lab.tasks.filter((t) => checkFilesOf(lab, t.id).length === 0).map((t) => t.id), 'tasks without describe(\'<task id>\', …)').toEqual([]);
    });

    it('points each program at a file that exists in the starter and the solution', () => {
      for (const file of Object.values(lab.programs)) {
        expect(fs.existsSync(path.join(lab.dir, file)), `labs/${lab.folder}/${file}`).toBe(true);
        expect(fs.existsSync(path.join(lab.solutionDir, file)), `solutions/${lab.folder}/${file}`).toBe(true);
      }
    });
  });
});
