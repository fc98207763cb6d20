import { EnvironmentError } from '../cli/errors.js';
import { fromEnv } from '../services/backend.js';

/** Workshop 8's SQL engine must answer before its checks run: if not, that is the environment, never wrong SQL. */
export async function requireSqlEngine(): Promise<void> {
  const { sql } = fromEnv();
  if (!sql) return;
  const info = `${sql.url}${sql.engine === 'flink' ? '/v1/info' : '/info'}`;
  const answer = await fetch(info, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  if (!answer?.ok) {
    const name = sql.engine === 'flink' ? 'the Flink SQL gateway' : 'ksqlDB';
    throw new EnvironmentError(`${name} does not answer at ${sql.url}: start it again with \`pnpm lab up 8\` (\`pnpm lab status\` shows what runs)`);
  }
}
