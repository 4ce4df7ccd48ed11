import { defineConfig } from 'vitest/config';

/**
 * Unit tests (`*.test.ts`) need nothing but Node. Integration tests
 * (`*.int.test.ts`) run against a real Neo4j: test/setup/neo4j.ts starts
 * the embedded server unless NEO4J_URI points at one.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/**/*.test.ts', 'services/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.int.test.ts', '**/*.e2e.test.ts', 'test/tmp-*/**', '**/*.tmp.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/**/*.int.test.ts', 'services/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          exclude: ['**/node_modules/**', 'test/tmp-*/**', '**/*.tmp.ts'],
          globalSetup: ['test/setup/neo4j.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
