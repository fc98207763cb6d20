import { runLabSql } from '@kafka-labs/tool/sql';

/**
 * `pnpm lab 8 run sql`: your statements (sql/ksqldb.sql with Docker, sql/flink.sql without) in order, then the
 * pull query's rows. `pnpm lab 8 run sql -- push`: the push query's rows as they come (Ctrl+C stops); run the
 * inserts from another terminal with `pnpm lab 8 run sql` to see them arrive.
 */
export function main(args: string[]): Promise<void> {
  return runLabSql(args);
}
