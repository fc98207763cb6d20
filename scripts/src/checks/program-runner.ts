import path from 'node:path';
import { readableKafkaLogs } from './kafkajs-log.js';
import { firstFrameIn, stillTodo } from './lab-code-errors.js';

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
    const where = error instanceof Error ? firstFrameIn(error.stack, path.dirname(path.resolve(file))) : undefined;
    const todo = stillTodo(message, where);
    if (todo) console.error(`✖ ${todo}: write it, then run again`);
    else console.error(`✖ ${path.basename(file)} stopped: ${message}${where ? ` (at ${where})` : ''}`);
    process.exit(1);
  }
}
