import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file gets its own SQLite file and its own PostgreSQL schema, so files run in parallel safely.
    pool: 'forks',
    reporters: ['verbose'],
  },
});
