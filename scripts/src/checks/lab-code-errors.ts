import path from 'node:path';

/**
 * Where an error comes from in the code under test: the first frame of its stack in `dir`, as `file:line`
 * relative to the current folder (labs/NN/src/file.ts:42), if any.
 */
export function firstFrameIn(stack: string | undefined, dir: string): string | undefined {
  const frame = stack?.split('\n').find((line) => line.includes(dir));
  const location = frame?.match(/((?:file:\/\/)?\/[^():]+:\d+):\d+\)?$/)?.[1];
  return location ? path.relative(process.cwd(), location.replace('file://', '')) : undefined;
}

/**
 * A function the trainee has not written yet throws `TODO: name`: said as "name is still a TODO (where)", or
 * undefined for any other error.
 */
export function stillTodo(message: string, where: string | undefined): string | undefined {
  const todo = /^TODO:?\s*(.*)$/s.exec(message);
  return todo ? `${todo[1] || 'this code'} is still a TODO${where ? ` (${where})` : ''}` : undefined;
}
