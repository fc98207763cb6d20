import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/**
 * Why the checks could not load the code under test, as one line: a compile error with file:line:column
 * (relative to the current folder), else the error's first line.
 */
export function describeLoadError(error: { message?: string }): string {
  const text = stripVTControlCharacters(error.message ?? '').trim();
  const esbuild = /^(\/[^\n]*?):(\d+):(\d+): ERROR: (.*)$/m.exec(text);
  if (esbuild) return `${path.relative(process.cwd(), esbuild[1]!)}:${esbuild[2]}:${esbuild[3]}: ${esbuild[4]}`;
  return text.split('\n')[0] ?? '';
}
