import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { execa, type ResultPromise } from 'execa';
import type { TestContext } from 'vitest';
import { repoRoot } from '../paths.js';

/** A lab program running as its own process, as the trainee would start it with `pnpm lab N run`. */
export interface RunningProgram {
  /** Every line it printed so far (stdout and stderr). */
  readonly output: string[];
  /** Resolves with the first printed line that matches, or rejects when the program exits first or time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGINT is Ctrl+C, a clean stop; SIGKILL gives the program no chance to commit or leave its group. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | undefined>;
  /** SIGSTOP: the process freezes where it is (say, with a transaction open), until resume() or a kill. */
  pause(): void;
  resume(): void;
  /** Resolves with the exit code when it ends by itself. */
  readonly exited: Promise<number | undefined>;
  /** True once the process has ended. */
  readonly ended: boolean;
  /** Its last printed lines, indented, to quote in a failure message. */
  tail(count?: number): string;
}

/**
 * Starts one of the lab's programs (`src/consumer.ts` of the code under test) with `args`, in a process of
 * its own, with the services' addresses in its environment. For checks that kill, restart or run several
 * instances of the trainee's program.
 */
export function startProgram(file: string, args: string[] = [], env: Record<string, string> = {}): RunningProgram {
  const codeDir = process.env.LAB_CODE_DIR;
  if (!codeDir) throw new Error('LAB_CODE_DIR is not set: run the checks with `pnpm lab N`');
  const program = path.join(codeDir, '..', file);
  const bundled = bundle(program);
  // One process (node itself, not the tsx CLI that forks another): a signal reaches the program itself.
  const command = bundled ? ['--enable-source-maps', bundled] : ['--import', 'tsx', path.join(checksDir, 'program-main.ts'), program];
  const child: ResultPromise = execa(process.execPath, [...command, ...args], {
    cwd: repoRoot,
    all: true,
    buffer: false,
    reject: false,
    env,
  });
  const output: string[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  child.all!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    output.push(...lines);
    for (const wake of waiters) wake();
  });
  const exited = child.then((result) => result.exitCode);
  let ended = false;
  void exited.then(() => {
    ended = true;
    for (const wake of waiters) wake();
  });

  return {
    output,
    exited,
    get ended() {
      return ended;
    },
    tail: (count) => tail(output, count),
    pause: () => void (!ended && child.kill('SIGSTOP')),
    resume: () => void (!ended && child.kill('SIGCONT')),
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(() => reject(new Error(`no line matching ${pattern} in ${timeoutMs / 1000} s; it printed:\n${tail(output)}`))), timeoutMs);
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        const check = () => {
          const line = output.find((l) => pattern.test(l));
          if (line !== undefined) finish(() => resolve(line));
          else if (ended) finish(() => reject(new Error(`the program exited before printing a line matching ${pattern}; it printed:\n${tail(output)}`)));
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGINT', timeoutMs = 20_000) {
      if (!ended) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Kills the program when the check that started it ends, if it still runs (SIGKILL: nobody needs a clean
 * stop then). Takes the check's own `onTestFinished` (its test context), which stays right when checks run
 * concurrently.
 */
export function killWhenDone(program: RunningProgram, { onTestFinished }: Pick<TestContext, 'onTestFinished'>): RunningProgram {
  onTestFinished(async () => {
    await program.stop('SIGKILL');
  });
  return program;
}

const checksDir = path.join(repoRoot, 'scripts', 'src', 'checks');
const bundles = new Map<string, string | undefined>();

/**
 * The program and the lab code it imports in one JavaScript file (esbuild; packages are left to node), built
 * once per check process: it starts in half the time and CPU of tsx, which counts when a check starts ten of
 * them on two cores. Written under the code's own node_modules, where node finds its packages. Undefined when
 * esbuild cannot build it (code that does not compile): tsx then runs it, and prints why.
 */
function bundle(program: string): string | undefined {
  if (bundles.has(program)) return bundles.get(program);
  const outfile = path.join(path.dirname(program), '..', 'node_modules', '.cache', 'kafka-labs', `${path.basename(program, path.extname(program))}.mjs`);
  const entry = [
    `import { runLabProgram } from ${JSON.stringify(path.join(checksDir, 'program-runner.ts'))};`,
    `import * as program from ${JSON.stringify(program)};`,
    `await runLabProgram(program, ${JSON.stringify(path.relative(repoRoot, program))}, process.argv.slice(2));`,
  ].join('\n');
  let written: string | undefined;
  try {
    const { outputFiles } = buildSync({
      stdin: { contents: entry, resolveDir: path.dirname(program), sourcefile: 'lab-program.ts', loader: 'ts' },
      outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', sourcemap: 'inline', write: false, logLevel: 'silent',
    });
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    // Check files run in several processes: each writes its own copy, then renames it (atomic) into place.
    fs.writeFileSync(`${outfile}.${process.pid}`, outputFiles[0]!.contents);
    fs.renameSync(`${outfile}.${process.pid}`, outfile);
    written = outfile;
  } catch {
    written = undefined;
  }
  bundles.set(program, written);
  return written;
}

function tail(lines: string[], count = 15): string {
  return lines.slice(-count).map((l) => `  | ${l}`).join('\n') || '  (nothing)';
}
