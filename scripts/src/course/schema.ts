import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { EnvironmentError } from '../cli/errors.js';
import { fromEnv } from '../services/backend.js';
import type { Lab } from './load-lab.js';

/** Runs SQL statements on the lab's PostgreSQL (from the services' environment). */
export async function runSql(lab: Lab, env: Record<string, string>, statements: string[]): Promise<void> {
  const url = fromEnv(env).postgres?.url;
  if (!url || statements.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    for (const sql of statements) await client.query(sql);
  } catch (error) {
    throw new EnvironmentError(`lab ${lab.number}'s SQL failed on ${new URL(url).host} (${(error as Error).message}): see \`pnpm lab status\``);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates the lab's tables from its SQL file (`schema` in lab.ts), before checks and programs run. */
export async function applySchema(lab: Lab, env: Record<string, string>): Promise<void> {
  if (!lab.schema) return;
  await runSql(lab, env, [fs.readFileSync(path.join(lab.dir, lab.schema), 'utf8')]);
}
