import pc from 'picocolors';
import { folderName, WORKSHOPS } from '../course/course.js';
import { isWritten } from '../course/load-lab.js';
import { readProgress } from '../course/progress.js';

/** `pnpm lab list`: the ten workshops, and the trainee's last result for each. */
export async function listLabs(): Promise<number> {
  const progress = readProgress();
  console.log(pc.bold('kafka-labs — ten workshops on real Apache Kafka\n'));
  for (const w of WORKSHOPS) {
    const last = progress[w.number];
    const state = !isWritten(w)
      ? pc.dim('coming soon')
      : last
        ? last.passed === last.total ? pc.green(`✓ ${last.passed}/${last.total} tasks`) : pc.yellow(`${last.passed}/${last.total} tasks`)
        : pc.dim('not started');
    const title = isWritten(w) ? w.title : pc.dim(w.title);
    console.log(`  ${String(w.number).padStart(2)}  ${title.padEnd(52)} ${state}`);
    if (isWritten(w) && !last) console.log(pc.dim(`      labs/${folderName(w)}/README.md`));
  }
  console.log(`\nStart one with ${pc.cyan('pnpm lab <number>')}.`);
  return 0;
}
