import type { SqlEngineName } from '../services/backend.js';
import { FlinkSqlSession } from './flink.js';
import { KsqlDbSession } from './ksqldb.js';

/** A row a query emitted: its columns by lower-case name (ksqlDB upper-cases them), and its change kind. */
export interface SqlRow {
  kind: 'INSERT' | 'UPDATE_BEFORE' | 'UPDATE_AFTER' | 'DELETE';
  values: Record<string, unknown>;
}

/** A running query: the rows it emitted so far; stop() ends it. `done` resolves when a bounded query ends. */
export interface SqlQuery {
  readonly rows: SqlRow[];
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/** Statements and queries on the SQL engine a backend runs (ksqlDB or Flink SQL), through its REST API. */
export interface SqlSession {
  readonly engine: SqlEngineName;
  /** Runs one statement and waits for its answer; a persistent query (CREATE … AS, INSERT … SELECT) keeps running. */
  execute(statement: string): Promise<void>;
  /** Starts a query and gathers its rows as they come. */
  query(statement: string): SqlQuery;
  /** Stops what this session started (persistent queries, jobs, queries) and closes it. */
  close(): Promise<void>;
}

/** A statement the engine refused: its own message, in one line. */
export class SqlError extends Error {
  override name = 'SqlError';
}

export async function openSqlSession(engine: SqlEngineName, url: string): Promise<SqlSession> {
  return engine === 'flink' ? FlinkSqlSession.open(url) : KsqlDbSession.open(url);
}

/** Lower-cases column names, so that checks read ksqlDB's PROFILEID and Flink's profileId alike. */
export function lowerCaseKeys(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
}
