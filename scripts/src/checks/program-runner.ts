import path from 'node:path';
import { readableKafkaLogs } from './kafkajs-log.js';

/**
 * Calls a lab program's `main(args)`. A function still marked TODO, or any crash, ends it with one readable
 * line and exit code 1; kafkajs' JSON logs become readable lines, each message once.
 */
export async function runLabProgram(program: { main?: (args: string[]) => Promise<void> }, file: string, args: string[]): Promise<void> {
  readableKafkaLogs();
  if (typeof program.main !== 'function') {
    console.error(`${file} exports no main(args) function`);
    process.exit(2);
  }
  try {
    await program.main(args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const where = error instanceof Error ? firstFrameInLab(error, file) : undefined;
    if (message.startsWith('TODO')) console.error(`✖ ${message.slice('TODO'.length).replace(/^[:\s]+/, '')} is still a TODO${where ? ` (${where})` : ''}: write it, then run again`);
    else console.error(`✖ ${path.basename(file)} stopped: ${message}${where ? ` (at ${where})` : ''}`);
    process.exit(1);
  }
}

/** The first stack frame in the lab's own code: where the trainee should look. */
function firstFrameInLab(error: Error, file: string): string | undefined {
  const dir = path.dirname(path.resolve(file));
  const frame = error.stack?.split('\n').find((line) => line.includes(dir));
  const location = frame?.match(/\(?((?:file:\/\/)?\/[^():]+:\d+):\d+\)?$/)?.[1];
  return location ? path.relative(process.cwd(), location.replace('file://', '')) : undefined;
}
