import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        // WXT's fake browser stands in for the extension APIs in unit tests (storage, alarms, runtime…).
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['extension/**/*.test.ts', 'server/**/*.test.ts', 'shared/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/bench/**/*.test.ts', 'test/docs-links.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          // A cold Chromium on a fresh clone can take seconds to paint the first page.
          expect: { poll: { timeout: 15_000 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
      {
        test: {
          // Firefox ESR with the Firefox build, over WebDriver BiDi (test/firefox/launch.ts): `npm run test:firefox`.
          name: 'firefox',
          include: ['test/firefox/**/*.firefox.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
