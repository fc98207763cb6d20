import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { EnvironmentError } from '../../cli/errors.js';
import { repoRoot, shortPath, stateDir } from '../../paths.js';

/** The `java` to run services with: `$JAVA_HOME/bin/java`, else the one on PATH. Must be 17 or newer. */
export async function findJava(): Promise<string> {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const result = await execa(java, ['-version'], { reject: false });
  if (result.failed || result.exitCode !== 0) {
    throw new EnvironmentError('Java was not found, and the Docker-free backend needs it: install a JDK 17+ (e.g. `apt-get install -y openjdk-17-jdk-headless`), or install Docker');
  }
  const major = Number(/version "(\d+)/.exec(result.stderr)?.[1] ?? 0);
  if (major < 17) {
    throw new EnvironmentError(`Java ${major} was found, and the Docker-free backend needs 17 or newer: install a JDK 17+ and set JAVA_HOME to it`);
  }
  return java;
}

/**
 * Copies the jars a Maven project (`scripts/runtime/<name>/pom.xml`) depends on into the state directory,
 * once; later calls return the folder at once. Maven Central is the only source.
 */
export async function fetchJars(name: string, onProgress: (text: string) => void, properties: Record<string, string> = {}): Promise<string> {
  const pom = path.join(repoRoot, 'scripts', 'runtime', name, 'pom.xml');
  const version = Object.values(properties).join('-');
  const dir = path.join(stateDir, 'jars', `${name}-${version}-${hashOf(pom)}`);
  const defines = Object.entries(properties).map(([k, v]) => `-D${k}=${v}`);
  return fromMavenCentral(dir, `the ${name} ${version} jars`, ['-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${dir}`, '-DincludeScope=runtime', ...defines], onProgress);
}

/**
 * Fills `dir` from Maven Central with one Maven goal (`mvnArgs`, which write into `dir`), once: later calls
 * return at once. `what` names it in the progress and the errors.
 */
export async function fromMavenCentral(dir: string, what: string, mvnArgs: string[], onProgress: (text: string) => void): Promise<string> {
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) return dir;
  const mvn = await execa('mvn', ['-v'], { reject: false });
  if (mvn.failed) {
    throw new EnvironmentError('Maven was not found, and the Docker-free backend fetches its services with it: install Maven (e.g. `apt-get install -y maven`), or install Docker');
  }
  onProgress(`fetching ${what} from Maven Central (first run only)`);
  // Outside a project, `dependency:unpack` keeps markers of what it unpacked under the working directory (a folder
  // literally named `${project.basedir}`), and later skips the unpacking: it works in a folder of its own, deleted after.
  const work = `${dir}.work`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const result = await execa('mvn', ['-B', '-q', ...mvnArgs], { reject: false, all: true, cwd: work }).finally(() => fs.rmSync(work, { recursive: true, force: true }));
  if (result.exitCode !== 0) {
    const log = `${dir}-mvn.log`;
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.writeFileSync(log, result.all ?? '');
    throw new EnvironmentError(`Maven could not fetch ${what} (is Maven Central reachable?): see ${shortPath(log)}`);
  }
  // A goal that succeeds without writing anything (a stale marker of Maven's) must not pass for a fetch.
  if (!fs.existsSync(dir) || fs.readdirSync(dir).filter((f) => !f.startsWith('.')).length === 0) {
    throw new EnvironmentError(`Maven reported success but wrote nothing for ${what} into ${shortPath(dir)}: delete that folder and try again`);
  }
  fs.writeFileSync(done, new Date().toISOString());
  return dir;
}

function hashOf(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 10);
}

/**
 * Compiles Java of the course's own (`sources`: .java files, and resources under META-INF) with the JDK's javac
 * against `classpath`, into one jar, once per content of the folder and classpath. Returns the jar,
 * `.state/jars/<name>-<hash>/<name>.jar`, alone in its folder.
 */
export async function buildJar(java: string, build: { name: string; sources: string; classpath: string; what: string }, onProgress: (text: string) => void): Promise<string> {
  const files = fs.readdirSync(build.sources, { recursive: true, encoding: 'utf8' }).map((f) => path.join(build.sources, f)).filter((f) => fs.statSync(f).isFile()).sort();
  const hash = createHash('sha256').update(build.classpath);
  for (const file of files) hash.update(path.relative(build.sources, file)).update(fs.readFileSync(file));
  const dir = path.join(stateDir, 'jars', `${build.name}-${hash.digest('hex').slice(0, 10)}`);
  const jar = path.join(dir, `${build.name}.jar`);
  if (fs.existsSync(jar)) return jar;
  onProgress(`building ${build.what} (first run only)`);
  const bin = path.dirname(java) === '.' ? '' : path.dirname(java);
  // Apart from any other command building it at the same time.
  const classes = `${dir}.${process.pid}.classes`;
  const javac = await execa(path.join(bin, 'javac'), ['-d', classes, '-cp', build.classpath, ...files.filter((f) => f.endsWith('.java'))], { reject: false, all: true });
  if (javac.exitCode !== 0) {
    fs.rmSync(classes, { recursive: true, force: true });
    throw new EnvironmentError(`javac could not build ${build.what} (a JDK, not only a JRE, is needed): ${(javac.all || javac.shortMessage || '').split('\n')[0]}`);
  }
  fs.mkdirSync(dir, { recursive: true });
  const resources = fs.existsSync(path.join(build.sources, 'META-INF')) ? ['-C', build.sources, 'META-INF'] : [];
  await execa(path.join(bin, 'jar'), ['cf', `${jar}.${process.pid}.tmp`, '-C', classes, '.', ...resources]);
  fs.renameSync(`${jar}.${process.pid}.tmp`, jar);
  fs.rmSync(classes, { recursive: true, force: true });
  return jar;
}

/** The JDK a `java` command belongs to (Elasticsearch's launcher wants its home). */
export async function javaHome(java: string): Promise<string> {
  const { stderr } = await execa(java, ['-XshowSettings:properties', '-version']);
  const home = /java\.home = (.+)/.exec(stderr)?.[1];
  if (!home) throw new EnvironmentError(`could not tell where the JDK of ${java} lives: set JAVA_HOME`);
  return home.trim();
}
