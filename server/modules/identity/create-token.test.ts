import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, childEnvironment, freePort, killAllChildren, runCli } from '../../test/cli-process.js';

/** `linchpin create-token` as a script meets it: the built program against a desk's data folder. */
describe('linchpin create-token', () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildServer();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-token-'));
    env = childEnvironment({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    const admin = await runCli(['create-admin', '--email', 'ops@example.com', '--password', 'correct horse battery staple'], env);
    expect(admin.code).toBe(0);
  }, 240_000);
  afterAll(() => {
    killAllChildren();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const tokensIn = () => {
    const database = new SqliteDatabase(path.join(dataDir, 'linchpin.sqlite'), { readonly: true });
    try {
      return database.prepare('select name, scope, token_hash as tokenHash from api_tokens order by id').all() as { name: string; scope: string; tokenHash: string }[];
    } finally {
      database.close();
    }
  };

  it('prints only the new token, stores its hash with the write scope by default, and audits it', async () => {
    const result = await runCli(['create-token', '--email', 'OPS@example.com', '--name', 'deploy script'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^lp_[A-Za-z0-9_-]{43}\n$/);
    const hash = crypto.createHash('sha256').update(result.stdout.trim()).digest('hex');
    expect(tokensIn()).toEqual([{ name: 'deploy script', scope: 'write', tokenHash: hash }]);
    const database = new SqliteDatabase(path.join(dataDir, 'linchpin.sqlite'), { readonly: true });
    try {
      const audit = database.prepare("select actor_id as actorId, ip from audit_events where action = 'token.created'").all();
      expect(audit).toEqual([{ actorId: null, ip: 'command line' }]);
    } finally {
      database.close();
    }

    const read = await runCli(['create-token', '--email', 'ops@example.com', '--name', 'dashboard', '--scope', 'read'], env);
    expect(read.code).toBe(0);
    expect(tokensIn()[1]).toMatchObject({ name: 'dashboard', scope: 'read' });
  }, 60_000);

  it('refuses an unknown address or scope with exit code 2 and creates nothing', async () => {
    const before = tokensIn().length;
    const unknown = await runCli(['create-token', '--email', 'ghost@example.com', '--name', 'x'], env);
    const badScope = await runCli(['create-token', '--email', 'ops@example.com', '--name', 'x', '--scope', 'root'], env);
    expect([unknown.code, badScope.code]).toEqual([2, 2]);
    expect(unknown.stderr).toContain('ghost@example.com');
    expect(badScope.stderr).toContain('--scope must be one of read, write, admin');
    expect(unknown.stdout + badScope.stdout).toBe('');
    expect(tokensIn()).toHaveLength(before);
  }, 60_000);
});
