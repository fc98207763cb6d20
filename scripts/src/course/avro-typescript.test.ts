import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths.js';
import { avroToTypeScript } from './avro-typescript.js';

describe('TypeScript from Avro (avrogen)', () => {
  it('turns records, unions with null, arrays, maps and enums into types', () => {
    const schema = {
      type: 'record', name: 'Delivery', fields: [
        { name: 'id', type: 'long' },
        { name: 'note', type: ['null', 'string'], default: null },
        { name: 'stops', type: { type: 'array', items: { type: 'record', name: 'Stop', fields: [{ name: 'city', type: 'string' }] } } },
        { name: 'tags', type: { type: 'map', values: 'int' } },
        { name: 'state', type: { type: 'enum', name: 'State', symbols: ['OPEN', 'DONE'] } },
        { name: 'next', type: ['null', 'Stop'] },
      ],
    };
    const code = avroToTypeScript(schema, 'delivery.avsc');
    expect(code).toContain('export interface Stop {\n  city: string;\n}');
    expect(code).toContain('export type State = "OPEN" | "DONE";');
    expect(code).toContain('export interface Delivery {\n  id: number;\n  note: null | string;\n  stops: (Stop)[];\n  tags: Record<string, number>;\n  state: State;\n  next: null | Stop;\n}');
  });

  // The generated types of a lab are never edited by hand: they are what avrogen writes from the lab's schema.
  const generated = ['labs', 'solutions'].flatMap((root) => fs.readdirSync(path.join(repoRoot, root)).map((lab) => path.join(repoRoot, root, lab)))
    .flatMap((lab) => (fs.existsSync(path.join(lab, 'src', 'generated')) ? fs.readdirSync(path.join(lab, 'src', 'generated')).map((file) => ({ lab, file })) : []));

  it('has generated types to compare', () => {
    expect(generated.length).toBeGreaterThan(0);
  });

  it.each(generated)('$file of $lab is what avrogen writes from its schema', ({ lab, file }) => {
    const schema = path.join(lab, 'schemas', `${path.basename(file, '.ts')}.avsc`);
    expect(fs.existsSync(schema), `${schema} (the schema it is generated from)`).toBe(true);
    const expected = avroToTypeScript(JSON.parse(fs.readFileSync(schema, 'utf8')), path.relative(lab, schema));
    expect(fs.readFileSync(path.join(lab, 'src', 'generated', file), 'utf8'), `run \`pnpm lab 4 run avrogen\` after changing ${path.relative(repoRoot, schema)}`).toBe(expected);
  });
});
