/**
 * kafkajs logs one JSON object per line (its default log creator, through console). In a lab program's output
 * those become one readable line each, and a message repeated (3,954 × "Failed to send messages" when the
 * cluster goes away) is printed once, with its count at the end.
 */
export function formatKafkaLog(line: string): { key: string; text: string } | undefined {
  if (!line.startsWith('{"level":')) return undefined;
  let entry: { level?: string; logger?: string; message?: string; error?: string; broker?: string; clientId?: string; [key: string]: unknown };
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    return undefined;
  }
  if (entry.logger !== 'kafkajs' || !entry.message) return undefined;
  const context = [entry.error && !entry.message.includes(entry.error) ? entry.error : undefined, entry.broker && !entry.message.includes(entry.broker) ? `broker ${entry.broker}` : undefined].filter(Boolean).join(', ');
  const text = `kafkajs ${entry.level}: ${entry.message}${context ? ` (${context})` : ''}`;
  return { key: `${entry.level} ${entry.message} ${entry.error ?? ''}`, text };
}

/** Routes console output through formatKafkaLog: other lines pass unchanged. */
export function readableKafkaLogs(): void {
  const repeats = new Map<string, { text: string; count: number }>();
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const formatted = args.length === 1 && typeof args[0] === 'string' ? formatKafkaLog(args[0]) : undefined;
      if (!formatted) return original(...args);
      const seen = repeats.get(formatted.key);
      if (seen) {
        seen.count += 1;
        return;
      }
      repeats.set(formatted.key, { text: formatted.text, count: 1 });
      original(formatted.text);
    };
  }
  process.once('exit', () => {
    for (const { text, count } of repeats.values()) if (count > 1) process.stderr.write(`${text}: ${count} times in all\n`);
  });
}
