import { execa, type ResultPromise } from 'execa';
import type { TestContext } from 'vitest';
import { repoRoot } from '../paths.js';

/** A lab program as a check imports it (`#lab/consumer.ts?program`, see checks/lab-programs.ts). */
export interface LabProgram {
  /** The program's source, relative to the repository (what the trainee sees in messages). */
  file: string;
  /** The program and the lab code it imports in one JavaScript file, with the runner that calls its main(args). */
  bundle: string;
}

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
 * Starts one of the lab's programs (imported by the check as `#lab/consumer.ts?program`) with `args`, in a
 * process of its own, with the services' addresses in its environment. For checks that kill, restart or run
 * several instances of the trainee's program.
 */
export function startProgram(program: LabProgram, args: string[] = [], env: Record<string, string> = {}): RunningProgram {
  // One process (node itself, not a CLI that forks another): a signal reaches the program itself.
  const command = ['--enable-source-maps', program.bundle];
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

function tail(lines: string[], count = 15): string {
  return lines.slice(-count).map((l) => `  | ${l}`).join('\n') || '  (nothing)';
}
