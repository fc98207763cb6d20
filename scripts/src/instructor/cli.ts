import { Command } from 'commander';
import pc from 'picocolors';
import { UserError } from '../cli/errors.js';
import { repoRoot } from '../paths.js';
import { updateSolutionBranch } from './solution-branch.js';
import { exportTraineeCopy } from './trainee-copy.js';

// `pnpm instructor …`: the instructor's tools. Not part of the trainee copy.
const program = new Command('pnpm instructor').description("the instructor's tools: the solution branch and the trainee copy").exitOverride();

program
  .command('solution-branch')
  .description('create or update a branch in which each labs/NN/src holds the solution (git diff main solutions -- labs/)')
  .option('--branch <name>', 'the branch', 'solutions')
  .option('--from <rev>', 'the commit to take labs and solutions from', 'HEAD')
  .action(async (options: { branch: string; from: string }) => {
    const commit = await updateSolutionBranch({ repo: repoRoot, ...options });
    console.log(commit ? `${pc.green('✔')} ${options.branch} is at ${commit.slice(0, 7)}: \`git diff ${options.from} ${options.branch} -- labs/\` shows what trainees write` : `${options.branch} is already up to date`);
  });

program
  .command('trainee-copy')
  .description('export the course without solutions/ and instructor scripts into a new git repository')
  .argument('<folder>', 'a new folder')
  .option('--from <rev>', 'the commit to export', 'HEAD')
  .action(async (dest: string, options: { from: string }) => {
    await exportTraineeCopy({ repo: repoRoot, dest, from: options.from });
    console.log(`${pc.green('✔')} trainee copy in ${dest}: push it where trainees clone from; \`pnpm install && pnpm lab 1\` there`);
  });

try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  if (error instanceof UserError) console.error(pc.red(`✖ ${error.message}`));
  else if (!(error instanceof Error && 'exitCode' in error)) console.error(error);
  process.exit(error instanceof Error && 'exitCode' in error && error.exitCode === 0 ? 0 : 2);
}
