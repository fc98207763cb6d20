import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLoadError } from './load-error.js';
import { labPrograms } from './lab-programs.js';

/** The plugin's load hook, with the one thing of Rollup's context it uses: the files it watches. */
async function load(id: string): Promise<{ code: unknown; watched: string[] }> {
  const watched: string[] = [];
  const hook = labPrograms().load as (this: unknown, id: string) => Promise<unknown>;
  const code = await hook.call({ addWatchFile: (file: string) => watched.push(file) }, id);
  return { code, watched };
}

describe('a `?program` import', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-labs-program-'));
  const src = path.join(dir, 'src');
  fs.mkdirSync(src);
  fs.writeFileSync(path.join(src, 'model.ts'), 'export const greeting: string = "hello";\n');
  fs.writeFileSync(path.join(src, 'main.ts'), 'import { greeting } from "./model.js";\nexport async function main(args: string[]) { console.log(greeting, ...args); }\n');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is the program bundled, every file of it watched', async () => {
    const { code, watched } = await load(`${path.join(src, 'main.ts')}?program`);
    const bundle = path.join(dir, 'node_modules', '.cache', 'kafka-labs', 'main.mjs');
    expect(code).toContain(JSON.stringify(bundle));
    expect(fs.readFileSync(bundle, 'utf8')).toContain('"hello"');
    expect(watched).toEqual(expect.arrayContaining([path.join(src, 'main.ts'), path.join(src, 'model.ts')]));
  });

  it('throws, when imported, where the code does not compile; that file stays watched', async () => {
    fs.writeFileSync(path.join(src, 'model.ts'), 'export const greeting: string = ;\n');
    const { code, watched } = await load(`${path.join(src, 'main.ts')}?program`);
    const message = JSON.parse(/^throw new Error\((.*)\);$/.exec(String(code))![1]!) as string;
    expect(describeLoadError({ message })).toBe(`${path.relative(process.cwd(), path.join(src, 'model.ts'))}:1:33: Unexpected ";"`);
    expect(watched).toContain(path.join(src, 'model.ts'));
  });

  it('leaves every other import to vitest', async () => {
    expect((await load(path.join(src, 'main.ts'))).code).toBeNull();
  });
});
