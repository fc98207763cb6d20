import { JOB_PORTS } from '../services/local/flink-sql-gateway.js';
import { lowerCaseKeys, SqlError, type SqlQuery, type SqlRow, type SqlSession } from './session.js';

interface ResultPage {
  resultType: 'NOT_READY' | 'PAYLOAD' | 'EOS';
  resultKind?: 'SUCCESS' | 'SUCCESS_WITH_CONTENT';
  jobID?: string;
  results?: { columns?: { name: string }[]; data?: { kind: SqlRow['kind']; fields: unknown[] }[] };
  nextResultUri?: string;
  errors?: string[];
}

/**
 * A session of Flink's SQL Gateway (REST API v1): statements are operations whose results come in pages, each
 * naming the next one, until EOS. Tables live in the session; INSERTs run as jobs, stopped when it closes.
 */
export class FlinkSqlSession implements SqlSession {
  readonly engine = 'flink' as const;
  private readonly jobs = new Set<string>();
  private readonly queries = new Set<SqlQuery>();

  private constructor(private readonly url: string, private readonly handle: string) {}

  static async open(url: string): Promise<FlinkSqlSession> {
    const { sessionHandle } = await request<{ sessionHandle: string }>(`${url}/v1/sessions`, { method: 'POST', body: '{}' });
    return new FlinkSqlSession(url, sessionHandle);
  }

  async execute(statement: string): Promise<void> {
    for await (const page of this.pages(statement)) if (page.jobID) this.jobs.add(page.jobID);
  }

  query(statement: string): SqlQuery {
    const rows: SqlRow[] = [];
    let stopped = false;
    let job: string | undefined;
    const done = (async () => {
      let columns: string[] = [];
      for await (const page of this.pages(statement, () => stopped)) {
        if (page.jobID) job = page.jobID;
        columns = page.results?.columns?.map((c) => c.name) ?? columns;
        for (const row of page.results?.data ?? []) rows.push({ kind: row.kind, values: lowerCaseKeys(Object.fromEntries(columns.map((c, i) => [c, row.fields[i]]))) });
      }
    })();
    const query: SqlQuery = {
      rows,
      done,
      stop: async () => {
        stopped = true;
        await done.catch(() => {});
        if (job) await this.stopJob(job);
        this.queries.delete(query);
      },
    };
    this.queries.add(query);
    return query;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queries].map((q) => q.stop()));
    await Promise.all([...this.jobs].map((job) => this.stopJob(job)));
    await request(`${this.url}/v1/sessions/${this.handle}`, { method: 'DELETE' }).catch(() => {});
  }

  /**
   * `STOP JOB` needs a cluster client, which the gateway's local target has not: each job runs in a mini cluster
   * of its own, whose REST API (on one of the ports after the gateway's, see flink-sql-gateway.ts) cancels it.
   */
  private async stopJob(job: string): Promise<void> {
    this.jobs.delete(job);
    const gateway = new URL(this.url);
    for (let port = Number(gateway.port) + 1; port <= Number(gateway.port) + JOB_PORTS; port++) {
      const answer = await fetch(`http://${gateway.hostname}:${port}/jobs/${job}?mode=cancel`, { method: 'PATCH', signal: AbortSignal.timeout(2000) }).catch(() => undefined);
      if (answer?.ok) return;
    }
  }

  /** The result pages of one statement, polled until EOS (or until `stop` says so). */
  private async *pages(statement: string, stop: () => boolean = () => false): AsyncGenerator<ResultPage> {
    const { operationHandle } = await request<{ operationHandle: string }>(`${this.url}/v1/sessions/${this.handle}/statements`, {
      method: 'POST',
      body: JSON.stringify({ statement }),
    });
    let next: string | undefined = `/v1/sessions/${this.handle}/operations/${operationHandle}/result/0`;
    while (next && !stop()) {
      const page: ResultPage = await request<ResultPage>(`${this.url}${next}?rowFormat=JSON`);
      if (page.resultType !== 'NOT_READY') yield page;
      if (page.resultType === 'EOS') return;
      // A streaming query answers at once, with what it has: wait a little before asking again.
      if (page.resultType === 'NOT_READY' || !page.results?.data?.length) await new Promise((resolve) => setTimeout(resolve, 200));
      next = page.nextResultUri;
    }
    if (stop()) await request(`${this.url}/v1/sessions/${this.handle}/operations/${operationHandle}/close`, { method: 'DELETE' }).catch(() => {});
  }
}

async function request<T>(url: string, init: RequestInit = {}): Promise<T> {
  const answer = await fetch(url, { ...init, headers: { 'content-type': 'application/json' } });
  const body = (await answer.json().catch(() => ({}))) as T & { errors?: string[] };
  if (!answer.ok) throw new SqlError(flinkError(body.errors ?? [`HTTP ${answer.status}`]));
  return body;
}

/** The gateway answers a refused statement with Java stack traces: the deepest cause is the one that explains. */
export function flinkError(errors: string[]): string {
  const lines = errors.join('\n').split('\n').map((l) => l.trim());
  const causes = lines.filter((l) => /^(Caused by: )?[\w.$]+(Exception|Error): /.test(l) && !/^at /.test(l));
  const last = causes.at(-1) ?? lines.find(Boolean) ?? 'the SQL gateway refused the statement';
  return last.replace(/^Caused by: /, '').replace(/^[\w.$]+\.(\w+(Exception|Error)): /, '$1: ');
}
