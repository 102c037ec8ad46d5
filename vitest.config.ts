import { availableParallelism } from 'node:os';
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
    // Much of a test's time is spent waiting on child processes (the CLI, redis-server, tsc), so even a two-core
    // machine runs two test files at once; vitest's default leaves one core to itself.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
