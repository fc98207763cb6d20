import { main as pauseOrResume } from './pause.js';

/** `pnpm lab 5 run resume -- [name]`: resumes a paused connector (default position-sink). */
export function main(args: string[]): Promise<void> {
  return pauseOrResume(args, 'resume');
}
