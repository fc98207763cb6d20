import ora from 'ora';
import type { Report } from '../services/backend.js';

/**
 * Runs `work` under a spinner whose text follows the work's reports; ends with ✔ or ✖ and the elapsed time.
 * `silentIfNothingToDo`: no ✔ line when the work reported nothing (e.g. the services already ran).
 */
export async function withProgress<T>(title: string, work: (report: Report) => Promise<T>, { silentIfNothingToDo = false } = {}): Promise<T> {
  const started = Date.now();
  // A terminal that reports no width (a pseudo-terminal without a size, as under `script`) gets plain lines:
  // ora would erase an endless number of wrapped lines there at every frame.
  const spinner = ora({ text: title, stream: process.stderr, isEnabled: Boolean(process.stderr.isTTY && process.stderr.columns) }).start();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  let last = '';
  try {
    const result = await work((text) => {
      // Without a terminal (CI) the spinner is off: print each new step once instead.
      if (!spinner.isSpinning && text !== last) process.stderr.write(`  ${text}\n`);
      last = text;
      spinner.text = `${title}: ${text}`;
    });
    if (silentIfNothingToDo && last === '') spinner.stop();
    else spinner.succeed(`${title} (${elapsed()})`);
    return result;
  } catch (error) {
    spinner.fail(`${title} (${elapsed()})`);
    throw error;
  }
}
