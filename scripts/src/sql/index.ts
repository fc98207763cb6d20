import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { EnvironmentError } from '../cli/errors.js';
import { createMissingTopics } from '../course/topics.js';
import { fromEnv, type SqlEngineName } from '../services/backend.js';
import { parseSqlScript, type SqlScript } from './script.js';
import { openSqlSession, type SqlRow, type SqlSession } from './session.js';

export { parseSqlScript, type SqlScript } from './script.js';
export { openSqlSession, SqlError, type SqlQuery, type SqlRow, type SqlSession } from './session.js';

/** The SQL file of the engine the backend runs: `sql/ksqldb.sql` (Docker) or `sql/flink.sql` (no Docker). */
export function sqlFile(labDir: string, engine: SqlEngineName): string {
  return path.join(labDir, 'sql', `${engine}.sql`);
}

/** The lab's statements for the running engine, on the lab cluster (`topicPrefix`: topics of one's own). */
export function labSqlScript(labDir: string, { topicPrefix = '' } = {}): { engine: SqlEngineName; file: string; script: SqlScript } {
  const { sql, kafka } = fromEnv();
  if (!sql || !kafka) throw new EnvironmentError('no SQL engine or Kafka address (SQL_ENGINE, SQL_ENGINE_URL, KAFKA_BOOTSTRAP_SERVERS): run it with `pnpm lab 8`');
  const file = sqlFile(labDir, sql.engine);
  const script = parseSqlScript(fs.readFileSync(file, 'utf8'), { bootstrapServers: (sql.bootstrapServers ?? kafka.bootstrapServers).join(','), topicPrefix });
  return { engine: sql.engine, file, script };
}

/**
 * Flink's Kafka connector does not create topics, and a job whose source topic is missing fails at once: the
 * topics a Flink script names are created first (1 partition, as ksqlDB's `CREATE STREAM … partitions=1` does).
 */
export async function createScriptTopics(engine: SqlEngineName, script: SqlScript): Promise<void> {
  const { kafka } = fromEnv();
  if (engine !== 'flink' || !kafka || script.topics.length === 0) return;
  const admin = new Kafka({ clientId: 'kafka-labs-sql', brokers: kafka.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await createMissingTopics(admin, script.topics.map((topic) => ({ topic, numPartitions: 1 })));
  } finally {
    await admin.disconnect();
  }
}

export function openLabSqlSession(): Promise<SqlSession> {
  const { sql } = fromEnv();
  if (!sql) throw new EnvironmentError('no SQL engine (SQL_ENGINE, SQL_ENGINE_URL): run it with `pnpm lab 8`');
  return openSqlSession(sql.engine, sql.url);
}

/**
 * The rows a changelog leaves (Flink's answer to a bounded read is the table's changes): an UPDATE_BEFORE or a
 * DELETE takes back a row equal to it.
 */
export function tableOfChanges(changes: SqlRow[]): SqlRow[] {
  const rows: SqlRow[] = [];
  for (const change of changes) {
    const values = JSON.stringify(change.values);
    if (change.kind === 'INSERT' || change.kind === 'UPDATE_AFTER') rows.push({ kind: 'INSERT', values: change.values });
    else {
      const taken = rows.findIndex((r) => JSON.stringify(r.values) === values);
      if (taken >= 0) rows.splice(taken, 1);
    }
  }
  return rows;
}

/** A row as the console shows it: `kind  column=value …`. */
export function formatRow(row: SqlRow): string {
  return `${row.kind.padEnd(13)} ${Object.entries(row.values).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join('  ')}`;
}

/**
 * `pnpm lab 8 run sql`: the lab's statements in order (streams, tables, persistent queries, the inserts), then
 * the pull query's rows; `pnpm lab 8 run sql -- push`: the push query's rows as they come (Ctrl+C stops).
 * The session, and what it started, end with the program.
 */
export async function runLabSql(args: string[], labDir = path.dirname(process.env.LAB_CODE_DIR ?? path.join(process.cwd(), 'src'))): Promise<void> {
  const { engine, file, script } = labSqlScript(labDir);
  await createScriptTopics(engine, script);
  const session = await openLabSqlSession();
  try {
    if (args[0] === 'push') {
      if (!script.pushQuery) throw new Error(`${path.relative(process.cwd(), file)} has no statement marked "-- push query"`);
      for (const statement of script.setup) await session.execute(statement);
      console.log(`${engine}: ${script.pushQuery}\n(rows as they come; Ctrl+C stops)`);
      // Stopped by Ctrl+C (or a kill), the query and the session's jobs end with the program, not later.
      const stop = new Promise<void>((resolve) => { for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve()); });
      const query = session.query(script.pushQuery);
      let shown = 0;
      const timer = setInterval(() => { for (; shown < query.rows.length; shown++) console.log(formatRow(query.rows[shown]!)); }, 200);
      await Promise.race([stop, query.done]);
      clearInterval(timer);
      return;
    }
    for (const statement of [...script.setup, ...script.inserts]) {
      console.log(`${engine}: ${statement.split('\n')[0]}${statement.includes('\n') ? ' …' : ''}`);
      await session.execute(statement);
    }
    if (script.pullQuery) {
      console.log(`${engine}: ${script.pullQuery}`);
      const query = session.query(script.pullQuery);
      await Promise.race([query.done, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      await query.stop();
      const rows = tableOfChanges(query.rows);
      if (rows.length !== query.rows.length) console.log(`(${query.rows.length} changes read; the table they leave:)`);
      for (const row of rows) console.log(formatRow(row));
    }
    if (engine === 'flink') console.log('(Flink: the tables and jobs of this session end with it; run `-- push` to watch rows arrive)');
  } finally {
    await session.close();
  }
}
