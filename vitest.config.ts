import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests beside the code, HTTP tests through app.inject on a real
// database, and browser tests in Debian's Chromium. `npm test` (scripts/test.ts) runs them all.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'lti/**/*.test.ts', 'courses/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts', 'web/vite/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'http',
          include: ['tests/*.test.ts', 'tests/**/*.http.test.ts'],
          exclude: ['tests/e2e/**'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
