import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLoadError } from './load-error.js';

describe('a compile error in the code under test', () => {
  it('is one line with file:line:column', () => {
    const file = path.join(process.cwd(), 'labs', '01-cluster', 'src', 'topics.ts');
    const message = `Transform failed with 1 error:\n${file}:22:12: ERROR: Unexpected ";"`;
    expect(describeLoadError({ message })).toBe('labs/01-cluster/src/topics.ts:22:12: Unexpected ";"');
  });

  it('any other load error keeps its first line', () => {
    expect(describeLoadError({ message: "SyntaxError: The requested module './client.js' does not provide an export named 'labKafka'\n    at …" })).toBe("SyntaxError: The requested module './client.js' does not provide an export named 'labKafka'");
  });
});
