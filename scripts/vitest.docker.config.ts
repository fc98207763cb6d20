import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The docker gate: the docker backend and the compose stacks on a real engine, one file after another. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['src/**/*.docker.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
