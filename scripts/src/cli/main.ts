import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { UserError } from './errors.js';

const backendOption = () => new Option('--backend <name>', 'where services run: docker, local or external (default: docker if an engine answers, else local; or LAB_BACKEND)');

/** Set by the command that ran: 0 when all is well, 1 when tasks fail. */
let exitCode = 0;
const command = <A extends unknown[]>(run: (...args: A) => Promise<number>) => async (...args: A) => {
  exitCode = await run(...args);
};

const program = new Command('pnpm')
  .description('kafka-labs: ten hands-on Apache Kafka workshops, graded against a real cluster')
  .showHelpAfterError()
  .enablePositionalOptions()
  .exitOverride();

program
  .command('lab')
  .description('run a workshop: services up, instructions, checks on your code')
  .argument('[args...]', 'list | up [N] | down [--wipe] | status | stop-broker <id> | start-broker <id> | <N> [hint | reset | run <program> -- <args>]')
  .option('--solution', 'check the reference solution instead of your code')
  .option('--watch', 're-run the checks every time you save')
  .option('--wipe', 'with down: also delete the services\' data (a fresh cluster next time)')
  .addOption(backendOption())
  .addHelpText('after', `
Examples:
  pnpm lab                      the ten workshops and your progress
  pnpm lab 2                    start lab 2's services and check your code
  pnpm lab 2 --watch            ... and again on every save
  pnpm lab 2 hint               the hint of the first task that fails
  pnpm lab 2 run producer -- 10 100 1      (the solution's: add --solution)
  pnpm lab 2 reset              delete lab 2's topics and groups (never your code)
  pnpm lab status               what runs, where, and its log
  pnpm lab down                 stop the services (--wipe: and delete their data)
  pnpm lab stop-broker 1        stop one broker (fault injection), start-broker 1 to bring it back`)
  .action(command(async (args: string[], options: { solution?: boolean; watch?: boolean; wipe?: boolean; backend?: string }, self: Command) => {
    const [first = 'list', second, ...rest] = args;
    const noMore = (extra: unknown[]) => {
      if (extra.length) throw new UserError(`unexpected "${extra.join(' ')}" after \`pnpm lab ${args.slice(0, args.length - extra.length).join(' ')}\` (see \`pnpm lab --help\`)`);
    };
    switch (first) {
      case 'help':
        self.outputHelp();
        return 0;
      case 'list':
        noMore(args.slice(1));
        if (options.solution || options.watch) throw new UserError('--solution and --watch go with a lab number: `pnpm lab 2 --solution`');
        return (await import('../commands/list.js')).listLabs();
      case 'up': noMore(rest); return (await import('../commands/services.js')).up(second, options);
      case 'down': noMore(args.slice(1)); return (await import('../commands/services.js')).down(options);
      case 'status': noMore(args.slice(1)); return (await import('../commands/services.js')).status(options);
      case 'stop-broker':
      case 'start-broker': noMore(rest); return (await import('../commands/services.js')).toggleBroker(first, second, options);
    }
    switch (second) {
      case undefined: return (await import('../commands/check.js')).checkLab(first, options);
      case 'hint': noMore(rest); return (await import('../commands/hint.js')).showHint(first);
      case 'reset': noMore(rest); return (await import('../commands/reset.js')).resetLab(first, options);
      case 'run': {
        const [name, ...programArgs] = rest;
        return (await import('../commands/run-program.js')).runProgram(first, name, programArgs.filter((a, i) => !(i === 0 && a === '--')), options);
      }
      default:
        // Validates the lab number first, so `pnpm lab 42 foo` names the real problem.
        (await import('../course/load-lab.js')).findWorkshop(first);
        throw new UserError(`unknown command "${second}" for lab ${first}: use hint, reset or run (see \`pnpm lab --help\`)`);
    }
  }));

program
  .command('kafka')
  .description("Kafka's own CLI tools on the lab cluster: topics, console-producer, console-consumer, consumer-groups, log-dirs, configs, …")
  .argument('<tool>', 'topics | console-producer | console-consumer | consumer-groups | log-dirs | configs | acls | producer-perf-test | …')
  .argument('[args...]', "the tool's own arguments (--bootstrap-server is added for you)")
  .addOption(backendOption())
  .allowUnknownOption()
  .passThroughOptions()
  .helpOption(false)
  .addHelpText('after', '\nExample:\n  pnpm kafka topics --create --topic testing --partitions 5 --replication-factor 2')
  .action(command(async (tool: string, args: string[], options: { backend?: string }, self: Command) => {
    if (tool === '--help' || tool === '-h' || tool === 'help') {
      self.outputHelp();
      return 0;
    }
    return (await import('../commands/kafka-tools.js')).kafkaTool(tool, args.filter((a) => a !== '--'), options);
  }));

program
  .command('bench')
  .description('benchmarks: producer (the lab 2 solution in each send mode against kafka-producer-perf-test), consumer (the lab 3 solution against consume-only), startup (the local cluster), checks (every lab\'s warm check run)')
  .argument('<what>', 'producer | consumer | startup | checks')
  .option('--records <n>', 'records per run (default: producer 100000, consumer 20000)')
  .addOption(backendOption())
  .action(command(async (what: string, options: { records?: string; backend?: string }) => {
    if (what === 'startup') return (await import('../commands/bench-startup.js')).benchStartup();
    if (what === 'checks') return (await import('../commands/bench-checks.js')).benchChecks({ backend: options.backend });
    if (what === 'consumer') return (await import('../commands/bench-consumer.js')).benchConsumer({ records: Number(options.records ?? 20_000), backend: options.backend });
    if (what !== 'producer') throw new UserError(`unknown benchmark "${what}": use producer, consumer, startup or checks`);
    return (await import('../commands/bench-producer.js')).benchProducer({ records: Number(options.records ?? 100_000), backend: options.backend });
  }));

program
  .command('grade')
  .description("grade the trainee's code: every written lab's checks, reports as JSON, JUnit XML and Markdown")
  .argument('[labs...]', 'the labs to grade (default: every written lab)')
  .option('--out <folder>', 'where the reports go', 'grade-report')
  .option('--update-manifest', `maintainers: record the checks' hashes in checks.manifest.json (the tamper check)`)
  .addOption(backendOption())
  .addHelpText('after', '\nExamples:\n  pnpm grade                    every written lab\n  pnpm grade 2 3 --backend docker')
  .action(command(async (labs: string[], options: { out: string; updateManifest?: boolean; backend?: string }) => (await import('../commands/grade.js')).grade(labs, options)));

program
  .command('test')
  .description('the soundness gate: tool unit tests, compose files, every solution passes, every starter fails')
  .addOption(backendOption())
  .action(command(async (options: { backend?: string }) => (await import('../commands/soundness.js')).soundness(options)));

program
  .command('mistakes')
  .description("maintainers: the course's wrong implementations (solutions/NN/mistakes), each must fail the task it breaks")
  .argument('[labs...]', 'the labs (default: every written lab)')
  .addOption(backendOption())
  .action(command(async (labs: string[], options: { backend?: string }) => (await import('../commands/mistakes.js')).mistakes(labs, options)));

program
  .command('typecheck')
  .description('tsc on every project: the tool, the slides, each lab and each solution')
  .action(command(async () => {
    const problems = await (await import('../commands/typecheck.js')).typecheck();
    for (const problem of problems) console.error(pc.red(`✗ ${problem}`));
    return problems.length ? 1 : 0;
  }));

/** The only place that exits: 0/1 from the command, 2 with one red line for a user or environment error. */
async function main(): Promise<void> {
  let code: number;
  try {
    await program.parseAsync(process.argv.slice(2), { from: 'user' });
    code = exitCode;
  } catch (error) {
    code = exitCodeOf(error);
  }
  process.exit(code);
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof UserError) {
    console.error(pc.red(`✖ ${error.message}`));
    return 2;
  }
  console.error(pc.red('✖ internal error: this is a bug of kafka-labs, please report it with the output below'));
  console.error(error);
  return 70;
}

await main();
