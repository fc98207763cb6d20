import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { repoRoot } from '../paths.js';

/**
 * The vitest configuration of a lab's checks, set by the tool through the environment:
 * LAB_DIR (labs/NN-topic) and LAB_CODE_DIR (the src folder that `#lab` points at).
 */
const labDir = process.env.LAB_DIR!;
const codeDir = process.env.LAB_CODE_DIR!;

export default defineConfig({
  root: repoRoot,
  resolve: { alias: [{ find: /^#lab\/(.*)$/, replacement: path.join(codeDir, '$1') }] },
  test: {
    include: [path.join(path.relative(repoRoot, labDir), 'checks', '**', '*.check.ts')],
    setupFiles: [path.join(repoRoot, 'scripts', 'src', 'harness', 'setup.ts')],
    reporters: [path.join(repoRoot, 'scripts', 'src', 'checks', 'task-reporter.ts')],
    // Checks share one cluster and this course runs on 2-core laptops: one file at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 20_000,
    pool: 'forks',
    // Expected and actual in full in failure messages: the structures the checks compare are small.
    chaiConfig: { truncateThreshold: 0 },
    watch: false,
  },
});
