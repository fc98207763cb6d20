import fs from 'node:fs';
import path from 'node:path';

/**
 * TypeScript types from an Avro schema, as `avrogen` gives C# classes: a lab's `src/generated/` is written by
 * `pnpm lab N run avrogen`, never by hand, so the types cannot drift from the `.avsc` (a test compares them).
 */
type AvroSchema = string | AvroSchema[] | { type: string | AvroSchema; name?: string; namespace?: string; fields?: { name: string; type: AvroSchema; doc?: string }[]; symbols?: string[]; items?: AvroSchema; values?: AvroSchema; doc?: string; logicalType?: string };

const PRIMITIVES: Record<string, string> = { null: 'null', boolean: 'boolean', int: 'number', long: 'number', float: 'number', double: 'number', bytes: 'Buffer', string: 'string' };

export function avroToTypeScript(schema: AvroSchema, source: string): string {
  const declarations: string[] = [];
  const typeOf = (s: AvroSchema): string => {
    if (typeof s === 'string') {
      const primitive = PRIMITIVES[s];
      if (primitive) return primitive;
      return s.split('.').pop()!; // a named type declared earlier
    }
    if (Array.isArray(s)) return s.map(typeOf).join(' | ');
    if (typeof s.type !== 'string') return typeOf(s.type);
    switch (s.type) {
      case 'record': {
        const fields = (s.fields ?? []).map((f) => `${f.doc ? `  /** ${f.doc} */\n` : ''}  ${f.name}: ${typeOf(f.type)};`);
        declarations.push(`${s.doc ? `/** ${s.doc} */\n` : ''}export interface ${s.name} {\n${fields.join('\n')}\n}`);
        return s.name!;
      }
      case 'enum':
        declarations.push(`export type ${s.name} = ${(s.symbols ?? []).map((x) => JSON.stringify(x)).join(' | ')};`);
        return s.name!;
      case 'array':
        return `(${typeOf(s.items!)})[]`;
      case 'map':
        return `Record<string, ${typeOf(s.values!)}>`;
      default:
        return typeOf(s.type);
    }
  };
  typeOf(schema);
  return [`// Generated from ${source} by \`avrogen\`: do not edit, run it again after changing the schema.`, '', ...declarations.flatMap((d) => [d, ''])].join('\n');
}

/**
 * `avrogen` for a lab: the types of `schema` (relative to the lab's folder) into its src/generated/; returns
 * what it wrote, to print.
 */
export function writeGeneratedTypes(labDir: string, schema = 'schemas/courier.avsc'): string {
  const schemaFile = path.resolve(labDir, schema);
  const out = path.join(labDir, 'src', 'generated', `${path.basename(schemaFile, '.avsc')}.ts`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, avroToTypeScript(JSON.parse(fs.readFileSync(schemaFile, 'utf8')), path.relative(labDir, schemaFile)));
  return `${path.relative(process.cwd(), out)} written from ${path.relative(process.cwd(), schemaFile)}`;
}
