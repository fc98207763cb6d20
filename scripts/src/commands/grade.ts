import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { EnvironmentError, UserError } from '../cli/errors.js';
import { withProgress } from '../cli/progress.js';
import { loadLab, writtenLabs, type Lab } from '../course/load-lab.js';
import type { ServiceName } from '../course/lab-meta.js';
import { runChecks } from '../checks/run-checks.js';
import type { LabResult } from '../checks/results.js';
import { toJUnit } from '../grading/junit.js';
import { computeManifest, MANIFEST_FILE, modifiedFiles, readManifest, UPDATE_COMMAND, writeManifest } from '../grading/manifest.js';
import { toMarkdown } from '../grading/markdown.js';
import { buildReport, gradeLab, labInError } from '../grading/report.js';
import { readHintsUsed } from '../course/hints-used.js';
import { saveProgress } from '../course/progress.js';
import { shortPath } from '../paths.js';
import { startServices } from '../services/start.js';

export interface GradeOptions {
  backend?: string;
  /** The folder the reports go to. */
  out: string;
  updateManifest?: boolean;
}

/**
 * `pnpm grade [N…]`: every written lab's checks on the trainee's code (labs/), with the services they need;
 * writes grade.json, junit.xml and summary.md. Exit 0 whenever grading ran, whatever the score.
 */
export async function grade(numbers: string[], options: GradeOptions): Promise<number> {
  if (options.updateManifest) {
    console.log(`${pc.green('✔')} ${shortPath(writeManifest())} written: commit it with the checks`);
    return 0;
  }
  const labs = numbers.length ? await Promise.all(numbers.map((n) => loadLab(n))) : await writtenLabs();
  const expected = readManifest();
  if (!expected) throw new UserError(`${MANIFEST_FILE} is missing, so the checks cannot be verified: restore it from the course repository`);
  const actual = computeManifest();

  const results = new Map<Lab, LabResult>();
  for (const lab of labs) {
    const modified = modifiedFiles(lab.folder, expected, actual);
    if (modified.length) results.set(lab, labInError(lab, `checks modified: ${modified.join(', ')} (restore them: \`git checkout origin/main -- ${modified.join(' ')}\`)`));
  }
  const toRun = labs.filter((lab) => !results.has(lab));
  let backend = options.backend ?? process.env.LAB_BACKEND ?? 'auto';
  // One lab's services at a time, the others stopped: every stack at once would not fit a laptop's Docker or
  // a CI runner's 7 GB (workshop 5's alone is the size of the rest).
  for (const [index, lab] of toRun.entries()) {
    try {
      const started = await startServices([...lab.services], options.backend);
      backend = started.backend.name;
      results.set(lab, await gradeOne(lab, started.envFor(lab.services)));
      const next = new Set<ServiceName>(toRun[index + 1]?.services ?? []);
      await started.backend.stopServices?.(lab.services.filter((s) => !next.has(s) && s !== 'kafka'));
    } catch (error) {
      if (!(error instanceof EnvironmentError)) throw error;
      results.set(lab, labInError(lab, `the services did not start: ${error.message}`));
    }
  }

  const hints = readHintsUsed();
  const report = buildReport(labs.map((lab) => gradeLab(lab, results.get(lab)!, hints[lab.folder])), backend);
  // What `pnpm lab` shows as progress agrees with the last grade (a lab whose checks ran).
  for (const lab of toRun) if (results.get(lab)!.tasks.some((t) => t.status !== 'error')) saveProgress(results.get(lab)!);
  fs.mkdirSync(options.out, { recursive: true });
  const files = {
    'grade.json': `${JSON.stringify(report, null, 2)}\n`,
    'junit.xml': toJUnit(report),
    'summary.md': toMarkdown(report),
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(options.out, name), text);

  console.log(pc.bold('\nGrade'));
  for (const lab of report.labs) {
    const errors = lab.tasks.filter((t) => t.status === 'error').length;
    console.log(`  lab ${String(lab.lab).padStart(2)}  ${`${lab.score}/${lab.maxScore}`.padEnd(6)} ${lab.title}${errors ? pc.yellow(`  (${errors} not graded: ${lab.tasks.find((t) => t.status === 'error')!.message!.split('\n')[0]})`) : ''}`);
  }
  console.log(pc.bold(`  total   ${report.totals.score}/${report.totals.maxScore}`));
  console.log(pc.dim(`\nReports: ${Object.keys(files).map((f) => shortPath(path.join(options.out, f))).join(', ')}`));
  if (Object.keys(actual.labs).some((folder) => !(folder in expected.labs))) {
    console.log(pc.dim(`(a lab without an entry in ${MANIFEST_FILE}: maintainers run \`${UPDATE_COMMAND}\`)`));
  }
  return 0;
}

async function gradeOne(lab: Lab, env: Record<string, string>): Promise<LabResult> {
  try {
    return await withProgress(`lab ${lab.number}: grading ${lab.title}`, () => runChecks({ lab, code: 'starter', env, quiet: true }));
  } catch (error) {
    if (error instanceof EnvironmentError) return labInError(lab, error.message);
    throw error;
  }
}
