import fs from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { loadLab } from '../course/load-lab.js';
import type { LabResult } from '../checks/results.js';
import { repoRoot } from '../paths.js';
import { toJUnit } from './junit.js';
import { computeManifest, MANIFEST_FILE, modifiedFiles, readManifest, UPDATE_COMMAND } from './manifest.js';
import { toMarkdown } from './markdown.js';
import { buildReport, gradeLab, labInError } from './report.js';

describe('the tamper check', () => {
  it(`${MANIFEST_FILE} matches the checks and harness as committed`, () => {
    const committed = readManifest();
    expect(committed, `${MANIFEST_FILE} is missing: run \`${UPDATE_COMMAND}\``).toBeDefined();
    expect(computeManifest(), `${MANIFEST_FILE} is stale: run \`${UPDATE_COMMAND}\` and commit it`).toEqual(committed);
  });

  it('names a modified check, an added one and a modified harness file', () => {
    const expected = computeManifest();
    const actual = structuredClone(expected);
    const lab = Object.keys(actual.labs)[0]!;
    const check = Object.keys(actual.labs[lab]!).find((f) => f.endsWith('.check.ts'))!;
    actual.labs[lab]![check] = 'changed';
    actual.labs[lab]![`labs/${lab}/checks/always-pass.check.ts`] = 'added';
    const harness = Object.keys(actual.shared)[0]!;
    actual.shared[harness] = 'changed';
    expect(modifiedFiles(lab, expected, actual).sort()).toEqual([harness, `labs/${lab}/checks/always-pass.check.ts`, check].sort());
    expect(modifiedFiles(lab, expected, expected)).toEqual([]);
  });
});

describe('the reports', async () => {
  const lab = await loadLab(2);
  const result: LabResult = {
    lab: 2,
    code: 'starter',
    tasks: lab.tasks.map((t, i) => ({ id: t.id, title: t.title, status: i === 0 ? 'pass' : 'fail', message: i === 0 ? undefined : `expected 100 records, found 0 <&> (${t.id})` })),
  };
  const report = buildReport([gradeLab(lab, result, { [lab.tasks[1]!.id]: 2 }), gradeLab(await loadLab(1), labInError(await loadLab(1), 'the services did not start: port 19092 is used'))], 'local', new Date('2026-01-01T00:00:00Z'));

  it('JSON: a status, message and points per task, and totals', () => {
    expect(report.labs[0]!.tasks[0]).toMatchObject({ id: lab.tasks[0]!.id, status: 'pass', points: 1, maxPoints: 1 });
    expect(report.labs[0]!.tasks[1]).toMatchObject({ status: 'fail', points: 0, message: `expected 100 records, found 0 <&> (${lab.tasks[1]!.id})`, hintsUsed: 2 });
    expect(report.labs[0]!.tasks[2]).toMatchObject({ hintsUsed: 0 });
    expect(report.labs[0]).toMatchObject({ score: 1, maxScore: lab.tasks.length });
    expect(report.totals).toEqual({ score: 1, maxScore: report.labs[0]!.maxScore + report.labs[1]!.maxScore, pass: 1, fail: lab.tasks.length - 1, error: report.labs[1]!.tasks.length });
  });

  it('JUnit XML: a suite per lab, a case per task, failures and errors kept apart', () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(toJUnit(report));
    const suites = xml.testsuites.testsuite as { name: string; failures: string; errors: string; testcase: { failure?: unknown; error?: unknown }[] }[];
    expect(suites.map((s) => s.name)).toEqual(['lab 2: The producer API', 'lab 1: The cluster and its tools']);
    expect(suites[0]!.testcase).toHaveLength(lab.tasks.length);
    expect(suites[0]).toMatchObject({ failures: String(lab.tasks.length - 1), errors: '0' });
    expect(suites[1]!.testcase.every((c) => c.error !== undefined && c.failure === undefined)).toBe(true);
  });

  it('Markdown: a table and a score per lab, hint levels used, the reason of each failed task', () => {
    const markdown = toMarkdown(report);
    expect(markdown).toContain(`## Lab 2: The producer API — 1/${lab.tasks.length}`);
    expect(markdown).toContain('| task | status | points | hints used |');
    expect(markdown).toContain('| ❌ fail | 0/1 | 2/3 |');
    for (const task of lab.tasks.slice(1)) expect(markdown).toContain(`\`${task.id}\` (fail): expected 100 records, found 0 <&> (${task.id})`);
    expect(markdown).toContain('the services did not start: port 19092 is used');
  });
});

describe('the GitHub workflow for trainees', () => {
  it('.github/workflows/grade.yml is a valid workflow that runs pnpm grade on the docker backend', () => {
    const source = fs.readFileSync(path.join(repoRoot, '.github', 'workflows', 'grade.yml'), 'utf8');
    const state = validateWorkflow(source);
    expect(state.errors, 'action-validator errors').toEqual([]);
    expect(source).toMatch(/pnpm grade --backend docker/);
    expect(source).toMatch(/GITHUB_STEP_SUMMARY/);
  });

  it('.github/workflows/docker.yml is a valid workflow that runs the whole soundness gate on the docker backend with the official images', () => {
    const source = fs.readFileSync(path.join(repoRoot, '.github', 'workflows', 'docker.yml'), 'utf8');
    expect(validateWorkflow(source).errors, 'action-validator errors').toEqual([]);
    expect(source).toMatch(/LAB_BACKEND: docker/);
    expect(source).toMatch(/LAB_DOCKER_GATE: official/);
    expect(source).toMatch(/run: pnpm test$/m);
  });
});
