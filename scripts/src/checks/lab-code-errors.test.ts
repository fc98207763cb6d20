import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstFrameIn, stillTodo } from './lab-code-errors.js';

describe('an error of the code under test', () => {
  const dir = path.join(process.cwd(), 'labs', '03-consumer', 'src');
  const stack = [
    'Error: TODO: startPositionConsumers',
    '    at todo (/work/x/node_modules/kafkajs/index.js:10:5)',
    `    at startPositionConsumers (file://${dir}/consumer.ts:31:9)`,
    `    at main (${dir}/consumer.ts:80:3)`,
  ].join('\n');

  it('is located at the first frame of its stack in the code under test, relative to the current folder', () => {
    expect(firstFrameIn(stack, dir)).toBe('labs/03-consumer/src/consumer.ts:31');
    expect(firstFrameIn(stack, '/elsewhere')).toBeUndefined();
  });

  it('that is a TODO names the function and where it is', () => {
    expect(stillTodo('TODO: startPositionConsumers', 'labs/03-consumer/src/consumer.ts:31')).toBe('startPositionConsumers is still a TODO (labs/03-consumer/src/consumer.ts:31)');
    expect(stillTodo('TODO', undefined)).toBe('this code is still a TODO');
    expect(stillTodo('connect ECONNREFUSED', undefined)).toBeUndefined();
  });
});
