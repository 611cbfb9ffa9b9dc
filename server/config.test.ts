import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configurationVariables, loadConfig } from './config.js';

/** The problems loadConfig reports for `env`, or [] when it accepts it. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration', () => {
  it('starts with nothing set: SQLite under ./data on 127.0.0.1:3000, jobs on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      dataDir: path.resolve('data'),
      databaseUrl: undefined,
      publicUrl: 'http://127.0.0.1:3000',
      logLevel: 'info',
      jobsEnabled: true,
      jobPollIntervalMs: 1000,
      shutdownGraceSeconds: 8,
      passwordMinLength: 12,
    });
  });

  it('reads each variable it documents', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      DATA_DIR: '/var/lib/linchpin',
      DATABASE_URL: 'postgresql://desk:secret@db.internal:5432/linchpin',
      PUBLIC_URL: 'https://help.example.com/',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'no',
      JOB_POLL_INTERVAL_MS: '250',
      TRUST_PROXY: 'yes',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/var/lib/linchpin',
      databaseUrl: 'postgresql://desk:secret@db.internal:5432/linchpin',
      // The trailing slash goes, so links are built as `${publicUrl}/desk` without a double slash.
      publicUrl: 'https://help.example.com',
      logLevel: 'warn',
      jobsEnabled: false,
      jobPollIntervalMs: 250,
      trustProxy: true,
    });
  });

  it('treats an empty value as unset, as shells and .env files often produce', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', LOG_LEVEL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined, logLevel: 'info' });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc" must be a whole number'],
    [{ PORT: '70000' }, 'PORT="70000" must be between 0 and 65535'],
    [{ PORT: '3.5' }, 'PORT="3.5" must be a whole number'],
    [{ DATABASE_URL: 'mysql://desk@db/linchpin' }, 'DATABASE_URL="mysql://desk@db/linchpin" must start with postgres:// or postgresql://'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL="loud" must be one of trace, debug, info, warn, error, fatal, silent'],
    [{ JOBS_ENABLED: 'maybe' }, 'JOBS_ENABLED="maybe" must be one of true, false, 1, 0, yes, no'],
    [{ JOB_POLL_INTERVAL_MS: '10' }, 'JOB_POLL_INTERVAL_MS="10" must be at least 50'],
    [{ PUBLIC_URL: 'help desk' }, 'PUBLIC_URL="help desk" must be an absolute URL such as https://help.example.com'],
    [{ SHUTDOWN_GRACE_SECONDS: '120' }, 'SHUTDOWN_GRACE_SECONDS="120" must be at most 60'],
    [{ PASSWORD_MIN_LENGTH: '6' }, 'PASSWORD_MIN_LENGTH="6" must be at least 8'],
  ])('refuses %o, naming the variable, its value and what is allowed', (env, problem) => {
    expect(problemsOf(env)).toEqual([expect.stringContaining(problem)]);
  });

  it('reports every bad variable at once, so one restart fixes them all', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(ConfigError);
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y' })).toEqual([
      'PORT="x" must be a whole number (1-65535)',
      'LOG_LEVEL="y" must be one of trace, debug, info, warn, error, fatal, silent',
    ]);
  });

  it('ignores variables it does not know, and lists the ones it does', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' }).port).toBe(3000);
    expect(configurationVariables).toEqual(expect.arrayContaining(['HOST', 'PORT', 'DATA_DIR', 'DATABASE_URL', 'JOB_POLL_INTERVAL_MS', 'JOBS_ENABLED']));
  });
});
