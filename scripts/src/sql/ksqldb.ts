import { lowerCaseKeys, SqlError, type SqlQuery, type SqlRow, type SqlSession } from './session.js';

/** Push and pull queries read a stream's topic from its beginning, as the workbook's do. */
const PROPERTIES = { 'ksql.streams.auto.offset.reset': 'earliest' };

/**
 * ksqlDB's REST API: statements on /ksql, queries on /query-stream (a header line with the columns, then one JSON
 * array per row). Streams and tables are the server's, not the session's: a statement that creates one first
 * drops what an earlier run left under that name.
 */
export class KsqlDbSession implements SqlSession {
  readonly engine = 'ksqldb' as const;
  private readonly created: string[] = [];
  private readonly queries = new Set<SqlQuery>();

  private constructor(private readonly url: string) {}

  static async open(url: string): Promise<KsqlDbSession> {
    return new KsqlDbSession(url);
  }

  async execute(statement: string): Promise<void> {
    const created = /^CREATE\s+(?:OR\s+REPLACE\s+)?(STREAM|TABLE)\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w`"]+)/i.exec(statement);
    if (created) {
      // DROP also terminates the persistent query that writes it.
      await this.ksql(`DROP ${created[1]!.toUpperCase()} IF EXISTS ${created[2]} DELETE TOPIC;`).catch(() => {});
      this.created.unshift(`DROP ${created[1]!.toUpperCase()} IF EXISTS ${created[2]} DELETE TOPIC;`);
    }
    await this.ksql(`${statement};`);
  }

  query(statement: string): SqlQuery {
    const rows: SqlRow[] = [];
    const abort = new AbortController();
    const done = (async () => {
      const answer = await fetch(`${this.url}/query-stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.ksqlapi.delimited.v1', accept: 'application/vnd.ksqlapi.delimited.v1' },
        body: JSON.stringify({ sql: `${statement};`, properties: PROPERTIES }),
        signal: abort.signal,
      });
      if (!answer.ok || !answer.body) throw new SqlError(ksqlError(await answer.text()));
      let columns: string[] | undefined;
      let partial = '';
      for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) {
        const lines = (partial + Buffer.from(chunk).toString('utf8')).split('\n');
        partial = lines.pop()!;
        for (const line of lines.filter((l) => l.trim())) {
          const parsed = JSON.parse(line) as { columnNames?: string[] } | unknown[];
          if (!Array.isArray(parsed)) {
            columns = parsed.columnNames ?? columns;
            continue;
          }
          rows.push({ kind: 'INSERT', values: lowerCaseKeys(Object.fromEntries((columns ?? []).map((c, i) => [c, parsed[i]]))) });
        }
      }
    })().catch((error: Error) => {
      if (error.name !== 'AbortError') throw error;
    });
    const query: SqlQuery = {
      rows,
      done,
      stop: async () => {
        abort.abort();
        await done.catch(() => {});
        this.queries.delete(query);
      },
    };
    this.queries.add(query);
    return query;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queries].map((q) => q.stop()));
  }

  /** Drops what the session created (the checks' own streams and tables), newest first. */
  async dropCreated(): Promise<void> {
    for (const drop of this.created.splice(0)) await this.ksql(drop).catch(() => {});
  }

  private async ksql(ksql: string): Promise<void> {
    const answer = await fetch(`${this.url}/ksql`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.ksql.v1+json', accept: 'application/vnd.ksql.v1+json' },
      body: JSON.stringify({ ksql, streamsProperties: PROPERTIES }),
    });
    if (!answer.ok) throw new SqlError(ksqlError(await answer.text()));
  }
}

function ksqlError(text: string): string {
  try {
    return (JSON.parse(text) as { message?: string }).message?.split('\n')[0] ?? text;
  } catch {
    return text.split('\n')[0] ?? 'ksqlDB refused the statement';
  }
}
