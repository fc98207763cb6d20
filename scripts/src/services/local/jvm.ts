import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the class data sharing archive of a service's JVM lives: beside its jars, one per JDK and class path. A
 * JVM started with it maps the classes it loaded last time instead of loading and verifying them again.
 */
export function classArchiveFile(jars: string, java: string, classpath: string): string {
  const key = createHash('sha256').update(`${java} ${process.env.JAVA_HOME ?? ''} ${classpath}`).digest('hex').slice(0, 8);
  return path.join(jars, `classes-${key}.jsa`);
}

/**
 * Flags for the local services' JVMs, start-up first: the client compiler only (most of a cold start is spent
 * compiling, and a laptop's lab cluster never needs the server compiler's peak throughput), one compiler thread
 * (three brokers starting at once on a 2-core laptop otherwise run six, which compete with the brokers
 * themselves), and the class archive when there is one (an unusable archive is ignored by the JVM: -Xshare:auto).
 */
export function startupFlags(archive: string): string[] {
  return ['-XX:TieredStopAtLevel=1', '-XX:CICompilerCount=1', ...(fs.existsSync(archive) ? [`-XX:SharedArchiveFile=${archive}`, '-Xshare:auto'] : [])];
}
