import pg from 'pg';
import { EnvironmentError } from '../cli/errors.js';
import { fromEnv } from '../services/backend.js';

/** The PostgreSQL the tool started for these checks (POSTGRES_URL). */
export function postgresUrl(): string {
  const url = fromEnv().postgres?.url;
  if (!url) throw new EnvironmentError('no PostgreSQL address (POSTGRES_URL): run the checks with `pnpm lab N`');
  return url;
}

/** A connected client of the checks' own, closed after use. */
export async function withPostgres<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export async function query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  return withPostgres(async (client) => (await client.query<R>(sql, params)).rows);
}

/** Throws an EnvironmentError (not a failed task) when PostgreSQL does not answer. */
export async function requirePostgres(): Promise<void> {
  try {
    await query('SELECT 1');
  } catch (error) {
    throw new EnvironmentError(`PostgreSQL at ${new URL(postgresUrl()).host} does not answer (${(error as Error).message}): start it with \`pnpm lab up 3\`, see \`pnpm lab status\``);
  }
}
