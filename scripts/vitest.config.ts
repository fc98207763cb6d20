import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The tool's own unit tests (the labs' checks have their own configuration in src/checks). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['src/**/*.test.ts'],
    // The docker gate's, on a real engine: vitest.docker.config.ts.
    exclude: ['src/**/*.docker.test.ts', '**/node_modules/**'],
    testTimeout: 60_000,
  },
});
