import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Building the decks and starting Chromium take a few seconds each.
    hookTimeout: 120_000,
    testTimeout: 60_000,
  },
})
