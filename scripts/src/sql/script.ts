/**
 * A lab's SQL file (workshop 8): statements separated by `;`, run in order. Two SELECTs are the queries a
 * trainee runs by hand and the checks run too, each marked by a comment line just above it: `-- push query` and
 * `-- pull query`. `INSERT … VALUES` statements are the workbook's inserts; every other statement (CREATE,
 * INSERT … SELECT, SET) sets up streams, tables and persistent queries.
 */
export interface SqlScript {
  /** The topics the statements name (with the prefix). */
  topics: string[];
  setup: string[];
  inserts: string[];
  pushQuery?: string;
  pullQuery?: string;
}

export interface ScriptOptions {
  /** Replaces `${KAFKA_BOOTSTRAP_SERVERS}` (Flink's tables name their brokers). */
  bootstrapServers: string;
  /** Put before every topic name the statements give (`'topic' = 'x'`, `kafka_topic='x'`): the checks' own topics. */
  topicPrefix?: string;
}

export function parseSqlScript(text: string, { bootstrapServers, topicPrefix = '' }: ScriptOptions): SqlScript {
  const script: SqlScript = { topics: [], setup: [], inserts: [] };
  for (const raw of splitStatements(text)) {
    const marker = /^\s*--\s*(push|pull) query\b/im.exec(raw)?.[1];
    const statement = withoutComments(raw)
      .replaceAll('${KAFKA_BOOTSTRAP_SERVERS}', bootstrapServers)
      .replace(/('topic'\s*=\s*'|kafka_topic\s*=\s*')([^']+)'/gi, (_, option: string, topic: string) => `${option}${topicPrefix}${topic}'`);
    if (!statement) continue;
    for (const [, topic] of statement.matchAll(/(?:'topic'\s*=\s*|kafka_topic\s*=\s*)'([^']+)'/gi)) if (!script.topics.includes(topic!)) script.topics.push(topic!);
    if (marker === 'push') script.pushQuery = statement;
    else if (marker === 'pull') script.pullQuery = statement;
    else if (/^INSERT\s+INTO\s+[\w`"]+\s*(\([^)]*\))?\s*VALUES\b/i.test(statement)) script.inserts.push(statement);
    else script.setup.push(statement);
  }
  return script;
}

/** Splits on `;` outside quotes and comments; each piece keeps its comments (the markers are there). */
function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!quote && c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      current += end === -1 ? text.slice(i) : text.slice(i, end + 1);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') {
      quote = c;
    } else if (c === ';') {
      statements.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  statements.push(current);
  return statements;
}

function withoutComments(statement: string): string {
  return statement.split('\n').filter((line) => !/^\s*--/.test(line)).join('\n').trim();
}
