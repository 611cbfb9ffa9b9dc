import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases.js';
import { deliverTo } from './test-support.js';

const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-harness', 'run.mjs');

/** Starts the intake process; resolves with its SMTP port once it listens. */
function startIntake(sqliteFile: string, dataDir: string, crash: 'none' | 'before-commit' | 'after-commit'): Promise<{ child: ChildProcess; port: number; exited: Promise<NodeJS.Signals | null> }> {
  const child = spawn(process.execPath, [runner, sqliteFile, dataDir, crash], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]), exited });
    });
    child.once('exit', (code) => reject(new Error(`intake process exited early (${code})`)));
  });
}

// SQLite only: the point is a process dying mid-transaction on the embedded database's file.
// Each case starts and kills real processes; on a busy two-core machine that can take longer than the default.
describe('an intake process killed between receipt and commit', { timeout: 60_000 }, () => {
  let dir: string;
  let sqliteFile: string;
  let database: TestDatabase;
  const message = (id: string) => ({ from: 'ann@example.com', to: 'help@desk.test', subject: `Crash ${id}`, text: 'Do not lose me.', messageId: `<crash-${id}@example.com>` });
  const count = async (table: 'tickets' | 'mailRawMessages' | 'ticketMessages', subject?: string) => {
    if (table === 'tickets' && subject) return (await database.db.selectFrom('tickets').select('id').where('subject', '=', subject).execute()).length;
    return Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-crash-'));
    database = await createTestDatabase('sqlite');
    sqliteFile = database.sqliteFile ?? '';
    const now = new Date().toISOString();
    await database.db.insertInto('mailboxes').values({ address: 'help@desk.test', inboundMode: 'smtp', teamId: null, imapHost: null, imapPort: null, imapUser: null, imapPasswordSealed: null, imapProcessedFolder: null, smtpHost: null, smtpPort: null, smtpUser: null, smtpPasswordSealed: null, createdAt: now, updatedAt: now }).execute();
  });
  afterAll(async () => {
    await database?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing: no 250 was given, the retry is imported once', async () => {
    const crashing = await startIntake(sqliteFile, dir, 'before-commit');
    await expect(deliverTo(crashing.port).sendMail(message('a'))).rejects.toThrow();
    expect(await crashing.exited).toBe('SIGKILL');
    expect(await count('tickets')).toBe(0);
    expect(await count('mailRawMessages')).toBe(0);

    const healthy = await startIntake(sqliteFile, dir, 'none');
    const retried = await deliverTo(healthy.port).sendMail(message('a'));
    expect(retried.response).toMatch(/^250 /);
    healthy.child.kill('SIGTERM');
    await healthy.exited;
    expect(await count('tickets', 'Crash a')).toBe(1);
    expect(await count('mailRawMessages')).toBe(1);
  });

  it('doubles nothing: committed but unacknowledged mail sent again is recognised by its Message-ID', async () => {
    const crashing = await startIntake(sqliteFile, dir, 'after-commit');
    await expect(deliverTo(crashing.port).sendMail(message('b'))).rejects.toThrow();
    expect(await crashing.exited).toBe('SIGKILL');
    expect(await count('tickets', 'Crash b')).toBe(1);

    const healthy = await startIntake(sqliteFile, dir, 'none');
    expect((await deliverTo(healthy.port).sendMail(message('b'))).response).toMatch(/^250 /);
    healthy.child.kill('SIGTERM');
    await healthy.exited;
    expect(await count('tickets', 'Crash b')).toBe(1);
    expect(await count('ticketMessages')).toBe(2);
  });
});
