import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The projects there are linted as data by test/real-world-projects.test.ts; their own tests are not ours to run.
    exclude: [...configDefaults.exclude, 'test/projects/**'],
    setupFiles: ['test/setup/rule-tester.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
