/**
 * The broker log messages that mean a start has failed for good, each with its fix. Nothing else in a log is
 * fatal: a starting KRaft quorum logs harmless ERROR lines (a NotControllerException while the controllers
 * elect a leader, say), and the broker recovers on its own.
 */
export interface FatalLog {
  pattern: RegExp;
  cause: string;
  fix: string;
}

export const KAFKA_FATAL_LOGS: FatalLog[] = [
  {
    // Workshop 9's secured cluster: a SASL listener, and no login section in the JAAS file the tool passes.
    pattern: /Could not find a '[\w.]*KafkaServer' or '[\w.]+' entry in the JAAS configuration/,
    cause: 'a listener uses SASL, and its JAAS file has no KafkaServer section',
    fix: 'write it in the lab\'s config/kafka_server_jaas.conf (the PlainLoginModule, the users, the brokers\' own login)',
  },
  {
    pattern: /Invalid cluster\.id|InconsistentClusterIdException|doesn't match stored clusterId/,
    cause: 'its data belongs to another cluster (cluster id mismatch)',
    fix: 'start afresh with `pnpm lab down --wipe` (deletes the services\' data, never your code)',
  },
  {
    pattern: /No `?meta\.properties`? found|is not formatted/,
    cause: 'its storage is not formatted',
    fix: 'start afresh with `pnpm lab down --wipe` (deletes the services\' data, never your code)',
  },
  {
    pattern: /BindException|Address already in use/,
    cause: 'one of its ports is taken by another program',
    fix: 'stop that program, or choose other ports: `pnpm lab down`, then `LAB_PORT_BASE=<port> pnpm lab up`',
  },
  {
    pattern: /Failed to acquire lock on file \.lock/,
    cause: 'another Kafka process uses its data folder',
    fix: 'stop it: `pnpm lab down` (`pnpm lab status` shows the pids)',
  },
  {
    pattern: /OutOfMemoryError|insufficient memory for the Java Runtime|Could not reserve enough space/,
    cause: 'the JVM ran out of memory',
    fix: 'free memory on this machine, then `pnpm lab up` again',
  },
  {
    pattern: /No space left on device/,
    cause: 'the disk is full',
    fix: 'free disk space, then `pnpm lab up` again',
  },
  {
    pattern: /Could not find or load main class|NoClassDefFoundError/,
    cause: 'its jars are incomplete',
    fix: 'delete `.state/jars` and run `pnpm lab up` again (the jars are fetched anew)',
  },
];

/** The first known-fatal message of a log, with its line (shortened) and its fix. */
export function fatalLogMessage(log: string): { line: string; cause: string; fix: string } | undefined {
  for (const line of log.split('\n')) {
    const fatal = KAFKA_FATAL_LOGS.find((f) => f.pattern.test(line));
    if (fatal) return { line: shorten(line), cause: fatal.cause, fix: fatal.fix };
  }
  return undefined;
}

/** The first ERROR or FATAL line of a log, shortened: what to read first when a process died. */
export function firstErrorLine(log: string): string | undefined {
  const line = log.split('\n').find((l) => /\b(ERROR|FATAL)\b/.test(l));
  return line === undefined ? undefined : shorten(line);
}

function shorten(line: string): string {
  const message = line.replace(/^\[[^\]]*\]\s*/, '').trim();
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
