import { defineConfig } from 'vitest/config';

// Browser journeys: each file starts its own built server on a free port with a fresh data folder,
// and drives Debian's Chromium through playwright-core. Files run one after another to keep the
// machine calm; `npm run test:e2e` builds first.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 90_000,
    // expect.poll waits for what a person would wait for; on a busy two-core machine a page can take
    // several seconds to settle, so the default single second is too impatient (this is no speed claim).
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 90_000,
    fileParallelism: false,
    pool: 'forks',
    reporters: ['verbose'],
  },
});
