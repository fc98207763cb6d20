import type { GradeReport, GradedTask } from './report.js';

const STATUS: Record<GradedTask['status'], string> = { pass: '✅ pass', fail: '❌ fail', error: '⚠️ error' };

/** The summary a trainee reads (GitHub's job summary): a table per lab with its score, the reason of each task not passed. */
export function toMarkdown(report: GradeReport): string {
  const { score, maxScore, error } = report.totals;
  const lines = [`# kafka-labs grade: ${score}/${maxScore}`, ''];
  if (error > 0) lines.push(`> ⚠️ ${error} task(s) could not be graded: an environment problem or modified checks, not a wrong answer.`, '');
  for (const lab of report.labs) {
    lines.push(`## Lab ${lab.lab}: ${lab.title} — ${lab.score}/${lab.maxScore}`, '', '| task | status | points | hints used |', '|---|---|---|---|');
    for (const task of lab.tasks) lines.push(`| \`${task.id}\` ${cell(task.title)} | ${STATUS[task.status]} | ${task.points}/${task.maxPoints} | ${task.hintsUsed}/3 |`);
    const open = lab.tasks.filter((t) => t.status !== 'pass');
    if (open.length) lines.push('');
    for (const task of open) {
      const reason = task.message?.split('\n').slice(0, 3).join(' ') ?? task.status;
      lines.push(`- \`${task.id}\` (${task.status === 'fail' ? 'fail' : 'not graded'}): ${cell(reason)}`);
    }
    lines.push('');
  }
  lines.push(`Graded on the ${report.backend} backend at ${report.gradedAt}. Run \`pnpm lab N\` to see each check's expected and actual values, and \`pnpm lab N hint\` for a hint.`);
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
