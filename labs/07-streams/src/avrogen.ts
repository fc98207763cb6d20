import path from 'node:path';
import { writeGeneratedTypes } from '@kafka-labs/tool/avro';

/**
 * `pnpm lab 7 run avrogen -- [schema]`: the TypeScript types of an Avro schema (default schemas/courier.avsc)
 * into src/generated/, like the workbook's `avrogen -s Coursier.avsc .` (given: nothing to write here).
 */
export async function main(args: string[]): Promise<void> {
  console.log(writeGeneratedTypes(path.join(import.meta.dirname, '..'), args[0]));
}
