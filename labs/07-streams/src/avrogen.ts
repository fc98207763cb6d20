import fs from 'node:fs';
import path from 'node:path';
import { avroToTypeScript } from '@kafka-labs/tool/avro';

/**
 * `pnpm lab 7 run avrogen -- [schema]`: the TypeScript types of an Avro schema (default schemas/courier.avsc)
 * into src/generated/, like the workbook's `avrogen -s Coursier.avsc .` (given: nothing to write here).
 */
export async function main(args: string[]): Promise<void> {
  const lab = path.join(import.meta.dirname, '..');
  const schemaFile = path.resolve(lab, args[0] ?? 'schemas/courier.avsc');
  const out = path.join(lab, 'src', 'generated', `${path.basename(schemaFile, '.avsc')}.ts`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, avroToTypeScript(JSON.parse(fs.readFileSync(schemaFile, 'utf8')), path.relative(lab, schemaFile)));
  console.log(`${path.relative(process.cwd(), out)} written from ${path.relative(process.cwd(), schemaFile)}`);
}
