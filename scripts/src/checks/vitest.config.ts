import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { repoRoot } from '../paths.js';
import { labPrograms } from './lab-programs.js';

/**
 * The vitest configuration of a lab's checks, set by the tool through the environment:
 * LAB_DIR (labs/NN-topic) and LAB_CODE_DIR (the src folder that `#lab` points at).
 */
const labDir = process.env.LAB_DIR!;
const codeDir = process.env.LAB_CODE_DIR!;

export default defineConfig({
  root: repoRoot,
  plugins: [labPrograms()],
  resolve: { alias: [{ find: /^#lab\/(.*)$/, replacement: path.join(codeDir, '$1') }] },
  test: {
    setupFiles: [path.join(repoRoot, 'scripts', 'src', 'harness', 'setup.ts')],
    reporters: [path.join(repoRoot, 'scripts', 'src', 'checks', 'task-reporter.ts')],
    include: [path.join(path.relative(repoRoot, labDir), 'checks', '**', '*.check.ts')],
    // Checks work on topics and groups of their own: check files run side by side, and so do the tasks of a
    // file declared with `describe.concurrent` (they mostly wait on brokers, the database and the trainee's
    // processes). A check that harms the whole cluster (a broker stopped) must run alone: its lab keeps every
    // check in one file, and that one comes last, with a plain `describe` (it starts once the others are done).
    fileParallelism: true,
    maxWorkers: 4,
    minWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 20_000,
    pool: 'forks',
    // Expected and actual in full in failure messages: the structures the checks compare are small.
    chaiConfig: { truncateThreshold: 0 },
    // In watch mode a saved file re-runs the check files that import it, or start a program built from it
    // (`?program` imports): only the tasks it can change.
    watch: false,
    // Files the checks read as they are, not as imports (workshop 8's SQL, workshop 9's broker configuration):
    // saving one re-runs the lab's checks.
    forceRerunTriggers: ['**/package.json/**', '**/vitest.config.*/**', `**/${path.relative(repoRoot, path.join(codeDir, '..'))}/{sql,config,monitoring}/**`],
  },
});
