import { create } from 'xmlbuilder2';
import type { GradeReport } from './report.js';

/** JUnit XML, so that any CI shows the grade: a test suite per lab, a test case per task. */
export function toJUnit(report: GradeReport): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: 'kafka-labs',
    tests: report.labs.reduce((n, l) => n + l.tasks.length, 0),
    failures: report.totals.fail,
    errors: report.totals.error,
    timestamp: report.gradedAt,
  });
  for (const lab of report.labs) {
    const suite = root.ele('testsuite', {
      name: `lab ${lab.lab}: ${lab.title}`,
      tests: lab.tasks.length,
      failures: lab.tasks.filter((t) => t.status === 'fail').length,
      errors: lab.tasks.filter((t) => t.status === 'error').length,
    });
    for (const task of lab.tasks) {
      const testCase = suite.ele('testcase', { classname: `labs.${lab.folder}`, name: `${task.id}: ${task.title}` });
      testCase.ele('properties').ele('property', { name: 'hints-used', value: String(task.hintsUsed) });
      if (task.status === 'fail') testCase.ele('failure', { message: firstLine(task.message) }).txt(task.message ?? '');
      if (task.status === 'error') testCase.ele('error', { message: firstLine(task.message) }).txt(task.message ?? '');
    }
  }
  return root.end({ prettyPrint: true });
}

function firstLine(text = ''): string {
  return text.split('\n')[0] ?? '';
}
