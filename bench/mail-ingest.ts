/**
 * MAIL: mail ingestion over the real server. Starts `linchpin start` with the built-in SMTP listener on a
 * free loopback port, configures mailboxes through the API, and measures mails per second from the
 * first SMTP DATA to the last 250 (the listener answers 250 only once the raw message and its ticket
 * rows are committed), then checks in the database that every mail was stored once. With Dovecot
 * installed it also measures the IMAP path: N messages land in the watched folder at once and the
 * clock stops when the last one is imported.
 *
 * Run alone: `node dist/bench/mail-ingest.js [--mails N] [--connections C] [--tickets T] [--smtp-only] [--profile]` (a small
 * generated desk in a temporary folder), or as part of `npm run bench` (on the benchmark's generated desk).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { openDatabase, type Database } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { systemClock } from '../server/platform/clock.js';
import { hashToken } from '../server/platform/secrets.js';
import { ensureBuiltInRoles } from '../server/modules/identity/built-in-roles.js';
import { generateTickets } from '../server/modules/demo/index.js';
import { apiTokenPrefix, newApiTokenValue } from '../server/modules/identity/api-token-format.js';
import { dovecotBinary, startDovecot, type TestDovecot } from '../server/modules/mail/dovecot-for-tests.js';
import type { Outcome } from './scenarios.js';
import { cpuSeconds, freePort, startServer } from './server-process.js';

export interface MailBenchOptions {
  serverEntry: string;
  /** DATA_DIR or DATABASE_URL of the desk to run against. */
  env: Record<string, string>;
  open(): Promise<Database>;
  /** Mails per path (SMTP, IMAP). */
  mails: number;
  /** Concurrent SMTP connections. */
  connections: number;
  profileDir?: string | undefined;
  say(line: string): void;
  /** Also measure the IMAP path (needs Dovecot); the quick run leaves it out. */
  imap: boolean;
  /** Runs first on the same server (the SLA benchmark), so a run starts the server once for both. */
  before?: ((server: { baseUrl: string; pid: number }) => Promise<MailResults>) | undefined;
}

/** A measured outcome with what a reader needs to judge it: the machine's load and the database check. */
export type MailOutcome = Extract<Outcome, { kind: 'measured' }> & {
  loadAverage: number[];
  seconds: number;
  check: string;
};
export type MailResults = Record<string, { title: string; unit: string; outcome: Outcome }>;

interface PlannedMail {
  raw: Buffer;
  messageId: string;
  from: string;
  /** Index of the mail this one answers by In-Reply-To (it must be acknowledged first). */
  parent: number | null;
  kind: 'new' | 'reply' | 'subject-tag';
}

const subjects = [
  'Printer on floor 3 jams on every job', 'VPN drops every hour', 'Outlook keeps asking for my password', 'Laptop battery drains in an hour',
  'Cannot open the shared finance folder', 'Wi-Fi in meeting room B is very slow', 'Excel crashes when opening the budget file',
  'My account is locked', 'SharePoint site shows access denied', 'Certificate warning on the intranet', 'New starter needs a laptop on Monday',
  'Teams camera is black', 'Monitor flickers after docking', 'Please restore a deleted folder', 'Phone does not sync mail any more',
];
const sentences = [
  'It started this morning after the update.', 'I already restarted the computer twice.', 'Colleagues next to me have the same problem.',
  'The error message says the operation timed out.', 'This blocks the month-end close, so it is quite urgent for us.',
  'I attached a screenshot of what I see.', 'It worked fine until last Friday.', 'Could someone have a look today, please?',
  'I am in the office until 5 pm, desk 3.14.', 'The same happens on the second machine as well.',
];

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!;
}

function paragraph(n: number, length: number): string {
  return Array.from({ length }, (_, i) => pick(sentences, n * 7 + i * 3)).join(' ');
}

/** A deterministic attachment: a text log or a binary "screenshot" of 20–80 KB. */
function attachmentFor(n: number): Mail.Attachment {
  const size = 20_000 + (n % 4) * 20_000;
  if (n % 2 === 0) {
    const lines: string[] = [];
    for (let i = 0; lines.join('\n').length < size; i++) lines.push(`2026-11-30T09:${String(i % 60).padStart(2, '0')}:00Z client[${n}] event ${i}: connection state ${i % 3 === 0 ? 'lost' : 'ok'}`);
    return { filename: `client-${n}.log`, content: lines.join('\n'), contentType: 'text/plain' };
  }
  const bytes = Buffer.alloc(size);
  let seed = n * 2654435761;
  for (let i = 0; i < size; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  return { filename: `screenshot-${n}.png`, content: bytes, contentType: 'image/png' };
}

/**
 * N mails as they arrive at a desk: about 60 % start a conversation (some HTML, some with an
 * attachment, some copying a colleague), 30 % answer one of those by In-Reply-To with the quoted
 * history below, 10 % answer an existing ticket by the `[#ref]` tag in the subject.
 */
async function planMails(count: number, to: string, senders: readonly string[], refs: readonly number[], tag: string): Promise<PlannedMail[]> {
  const plan: PlannedMail[] = [];
  const opened: number[] = [];
  for (let n = 0; n < count; n++) {
    const roll = (n * 37) % 100;
    const messageId = `<bench-${tag}-${n}@mail.bench.test>`;
    let mail: Mail.Options;
    let kind: PlannedMail['kind'] = 'new';
    let parent: number | null = null;
    let from = pick(senders, n * 13);
    if (roll < 30 && opened.length > 0) {
      parent = opened[(n * 7) % opened.length]!;
      const original = plan[parent]!;
      from = original.from;
      kind = 'reply';
      const subject = pick(subjects, parent);
      mail = {
        subject: `Re: ${subject}`,
        inReplyTo: original.messageId,
        references: [original.messageId],
        text: `${paragraph(n, 2)}\n\nThanks,\n${from.split('@')[0]}\n\nOn Mon, 30 Nov 2026 at 09:12, ${from} wrote:\n> ${paragraph(parent, 3)}\n> ${paragraph(parent + 1, 2)}\n`,
      };
    } else if (roll < 40 && refs.length > 0) {
      kind = 'subject-tag';
      mail = { subject: `RE: [#${pick(refs, n * 11)}] ${pick(subjects, n)}`, text: `${paragraph(n, 2)}\n\n-----Original Message-----\nFrom: Service desk\n${paragraph(n + 3, 4)}\n` };
    } else {
      opened.push(n);
      mail = { subject: pick(subjects, n), text: `Hello,\n\n${paragraph(n, 4)}\n\n${paragraph(n + 1, 2)}\n\nBest regards,\n${from.split('@')[0]}` };
      if (n % 3 === 0) mail.html = `<p>Hello,</p><p>${paragraph(n, 4)}</p><p><b>${paragraph(n + 1, 2)}</b></p><p>Best regards,<br>${from.split('@')[0]}</p>`;
      if (n % 10 === 0) mail.cc = pick(senders, n * 17 + 1);
    }
    if (n % 7 === 3) mail.attachments = [attachmentFor(n)];
    const raw = await new MailComposer({ ...mail, from, to, messageId, date: new Date(Date.UTC(2026, 10, 30, 9, 0, n % 60)) }).compile().build();
    plan.push({ raw, messageId, from, parent, kind });
  }
  return plan;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function countRows(database: Database, source: 'smtp' | 'imap', tag: string) {
  const raw = await database.db
    .selectFrom('mailRawMessages')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('source', '=', source)
    .where('messageId', 'like', `bench-${tag}-%`)
    .groupBy('status')
    .execute();
  const byStatus = Object.fromEntries(raw.map((r) => [r.status, Number(r.n)]));
  const messages = await database.db
    .selectFrom('ticketMessages')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('emailMessageId', 'like', `bench-${tag}-%`)
    .executeTakeFirstOrThrow();
  const tickets = await database.db
    .selectFrom('ticketMessages')
    .innerJoin('tickets', 'tickets.id', 'ticketMessages.ticketId')
    .select((eb) => eb.fn.count('tickets.id').distinct().as('n'))
    .where('ticketMessages.emailMessageId', 'like', `bench-${tag}-%`)
    .where('tickets.channel', '=', 'email')
    .executeTakeFirstOrThrow();
  return { byStatus, messages: Number(messages.n), tickets: Number(tickets.n) };
}

/** Checks the database after a run: every planned mail stored once, as a message, on the expected number of new tickets. */
async function check(database: Database, source: 'smtp' | 'imap', tag: string, plan: readonly PlannedMail[]): Promise<string> {
  const counted = await countRows(database, source, tag);
  const imported = counted.byStatus.imported ?? 0;
  const others = Object.entries(counted.byStatus).filter(([status]) => status !== 'imported');
  const newTickets = plan.filter((m) => m.kind === 'new').length;
  const problems: string[] = [];
  if (imported !== plan.length) problems.push(`${imported}/${plan.length} raw messages imported`);
  if (others.length > 0) problems.push(others.map(([status, n]) => `${n} ${status}`).join(', '));
  if (counted.messages !== plan.length) problems.push(`${counted.messages} ticket messages for ${plan.length} mails`);
  // Replies by In-Reply-To join their ticket; [#ref] replies join generated tickets (which may be closed, then a follow-up opens).
  if (counted.tickets < newTickets) problems.push(`only ${counted.tickets} tickets for ${newTickets} new conversations`);
  return problems.length === 0 ? `all ${plan.length} stored once` : `CHECK FAILED: ${problems.join('; ')}`;
}

/** A fresh admin-scope API token for the desk's first admin (written as the token service stores them). */
export async function adminToken(database: Database): Promise<string> {
  const admin = await database.db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select('users.id')
    .where('roles.key', '=', 'admin')
    .orderBy('users.id')
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const token = newApiTokenValue();
  await database.db
    .insertInto('apiTokens')
    .values({ userId: admin.id, name: 'mail benchmark', tokenHash: hashToken(token), prefix: apiTokenPrefix(token), scope: 'admin', expiresAt: null, lastUsedAt: null, revokedAt: null, createdById: null, createdAt: now })
    .execute();
  return token;
}

export async function api<T>(baseUrl: string, token: string, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Sends `plan` over SMTP with `connections` connections; a reply waits until its parent was acknowledged. */
async function sendAll(port: number, plan: readonly PlannedMail[], connections: number, to: string): Promise<{ latencies: number[]; failures: Record<string, number>; seconds: number }> {
  const acknowledged = plan.map(() => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity });
    try {
      for (;;) {
        const index = next++;
        const mail = plan[index];
        if (!mail) return;
        if (mail.parent !== null) await acknowledged[mail.parent]!.promise;
        const sent = performance.now();
        try {
          const info = await transport.sendMail({ envelope: { from: mail.from, to: [to] }, raw: mail.raw });
          if (!/^250 /.test(info.response)) failures[info.response.slice(0, 3)] = (failures[info.response.slice(0, 3)] ?? 0) + 1;
        } catch (error) {
          const code = String((error as { responseCode?: number }).responseCode ?? 'error');
          failures[code] = (failures[code] ?? 0) + 1;
        }
        latencies.push(performance.now() - sent);
        acknowledged[index]!.resolve();
      }
    } finally {
      transport.close();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return { latencies: latencies.sort((a, b) => a - b), failures, seconds: (performance.now() - started) / 1000 };
}

function outcomeOf(perSecond: number, seconds: number, latencies: number[], completed: number, failures: Record<string, number>, cpu: number | null, checked: string): MailOutcome {
  return {
    kind: 'measured',
    perSecond,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    completed,
    failures,
    loadAverage: os.loadavg(),
    seconds,
    serverCpuMs: cpu === null || completed === 0 ? null : (cpu * 1000) / completed,
    check: checked,
  };
}

const describe = (outcome: MailOutcome) =>
  `${outcome.perSecond.toFixed(0)} mails/s (${outcome.completed} in ${outcome.seconds.toFixed(1)} s), server CPU ${outcome.serverCpuMs?.toFixed(1) ?? '?'} ms/mail, ${outcome.check}, load ${outcome.loadAverage.map((l) => l.toFixed(1)).join(' ')}`;

/** The IMAP path: N messages moved into the watched INBOX at once; the clock stops when all are imported. */
async function measureImap(
  options: MailBenchOptions,
  server: { baseUrl: string; pid: number },
  token: string,
  dovecot: TestDovecot,
  teamId: number | null,
  senders: readonly string[],
  refs: readonly number[],
): Promise<Outcome> {
  const address = 'imap-desk@bench.test';
  const tag = `imap${Date.now()}`;
  const plan = await planMails(options.mails, address, senders, refs, tag);
  const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: address, pass: dovecot.password }, logger: false });
  await client.connect();
  const database = await options.open();
  try {
    // Stage the mail in a side folder first, so that it reaches INBOX in one MOVE, as a burst would.
    await client.mailboxCreate('Staging').catch(() => undefined);
    for (const mail of plan) await client.append('Staging', mail.raw);
    const mailbox = await api<{ id: number }>(server.baseUrl, token, 'POST', '/api/v1/mailboxes', {
      address,
      teamId,
      inboundMode: 'imap',
      imap: { host: '127.0.0.1', port: dovecot.port, tls: false, user: address, password: dovecot.password },
    });
    // The server picks new IMAP mailboxes up on its poll interval; its first sync records a position.
    const deadline = Date.now() + 30_000;
    while (!(await database.db.selectFrom('mailImapState').select('mailboxId').where('mailboxId', '=', mailbox.id).executeTakeFirst())) {
      if (Date.now() > deadline) return { kind: 'not-available', reason: 'the server did not start watching the IMAP mailbox within 30 s' };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const lock = await client.getMailboxLock('Staging');
    const started = performance.now();
    const cpuBefore = cpuSeconds(server.pid);
    try {
      await client.messageMove('1:*', 'INBOX');
    } finally {
      lock.release();
    }
    let imported = 0;
    const give = Date.now() + 5_000 + options.mails * 20;
    for (;;) {
      const counted = await countRows(database, 'imap', tag);
      imported = Object.values(counted.byStatus).reduce((a, b) => a + b, 0);
      if (imported >= plan.length || Date.now() > give) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuSeconds(server.pid);
    const checked = await check(database, 'imap', tag, plan);
    const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    return outcomeOf(imported / seconds, seconds, [], imported, imported < plan.length ? { missing: plan.length - imported } : {}, cpu, checked);
  } finally {
    await client.logout().catch(() => undefined);
    await database.close();
  }
}

/** Runs the SMTP measurement (and the IMAP one when asked and Dovecot is installed) against a fresh server on `env`. */
export async function runMailIngest(options: MailBenchOptions): Promise<MailResults> {
  const { say } = options;
  const results: MailResults = {};
  const smtpPort = await freePort();
  let senders: string[];
  let refs: number[];
  let token: string;
  let teamId: number | null;
  const database = await options.open();
  try {
    token = await adminToken(database);
    // Senders: known requesters of the desk plus people the desk has never seen (they become requesters).
    const known = await database.db
      .selectFrom('userEmails')
      .innerJoin('users', 'users.id', 'userEmails.userId')
      .innerJoin('roles', 'roles.id', 'users.roleId')
      .select('userEmails.email')
      .where('roles.key', '=', 'requester')
      .orderBy('userEmails.userId')
      .limit(150)
      .execute();
    senders = [...known.map((k) => k.email), ...Array.from({ length: Math.max(50, 200 - known.length) }, (_, i) => `new.person${i}@customer${i % 9}.example`)];
    refs = (await database.db.selectFrom('tickets').select('ref').orderBy('id', 'desc').limit(200).execute()).map((t) => Number(t.ref));
    teamId = (await database.db.selectFrom('teams').select('id').orderBy('id').executeTakeFirst())?.id ?? null;
  } finally {
    await database.close();
  }
  const dovecot = options.imap && fs.existsSync(dovecotBinary) ? await startDovecot().catch((error: unknown) => (say(`Dovecot did not start (${(error as Error).message}); IMAP skipped`), null)) : null;
  // The per-sender loop guard still runs on every mail; raised so that a long run does not trip it.
  const serverEnv = { ...options.env, SMTP_PORT: String(smtpPort), SMTP_HOST: '127.0.0.1', IMAP_POLL_INTERVAL_SECONDS: '5', MAIL_SENDER_LIMIT_PER_HOUR: '100000' };
  const server = await startServer(options.serverEntry, serverEnv, options.profileDir ? { profileDir: options.profileDir } : {});
  try {
    if (options.before) Object.assign(results, await options.before(server));
    if (options.mails === 0) return results;
    const address = 'desk@bench.test';
    await api(server.baseUrl, token, 'POST', '/api/v1/mailboxes', { address, teamId, inboundMode: 'smtp' });
    // Warm-up (not measured): the first mails compile the intake path.
    await sendAll(smtpPort, await planMails(20, address, senders, refs, `warm${Date.now()}`), options.connections, address);
    const tag = `smtp${Date.now()}`;
    const plan = await planMails(options.mails, address, senders, refs, tag);
    say(`MAIL sending ${plan.length} mails (${plan.filter((m) => m.kind === 'new').length} new, ${plan.filter((m) => m.kind === 'reply').length} replies, ${plan.filter((m) => m.kind === 'subject-tag').length} by [#ref], ${plan.filter((m) => m.raw.length > 20_000).length} with attachments) over ${options.connections} SMTP connections`);
    const cpuBefore = cpuSeconds(server.pid);
    const sent = await sendAll(smtpPort, plan, options.connections, address);
    const cpuAfter = cpuSeconds(server.pid);
    const checkDatabase = await options.open();
    let checked: string;
    try {
      checked = await check(checkDatabase, 'smtp', tag, plan);
    } finally {
      await checkDatabase.close();
    }
    const completed = sent.latencies.length - Object.values(sent.failures).reduce((a, b) => a + b, 0);
    const smtp = outcomeOf(completed / sent.seconds, sent.seconds, sent.latencies, completed, sent.failures, cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore, checked);
    say(`MAIL smtp: ${describe(smtp)}`);
    results.MAIL = { title: `mail in by SMTP (${options.connections} connections)`, unit: 'mails/s', outcome: smtp };
    if (dovecot) {
      const imap = await measureImap(options, server, token, dovecot, teamId, senders, refs);
      if (imap.kind === 'measured') say(`MAIL imap: ${describe(imap as MailOutcome)}`);
      results['MAIL-IMAP'] = { title: 'mail in by IMAP (one mailbox)', unit: 'mails/s', outcome: imap };
    } else {
      const reason = options.imap ? `no Dovecot at ${dovecotBinary}` : 'left out of the quick run';
      results['MAIL-IMAP'] = { title: 'mail in by IMAP (one mailbox)', unit: 'mails/s', outcome: { kind: 'not-available', reason } };
    }
  } finally {
    await server.stop();
    await dovecot?.stop();
  }
  return results;
}

/** Stand-alone: a small generated desk in a temporary folder (SQLite). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { mails: { type: 'string' }, tickets: { type: 'string' }, 'smtp-only': { type: 'boolean' }, connections: { type: 'string' }, profile: { type: 'boolean' }, keep: { type: 'boolean' } },
  });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-mail-bench-'));
  const sqliteFile = path.join(dataDir, 'linchpin.sqlite');
  const database = await openDatabase({ sqliteFile });
  await migrateToLatest(database.db);
  await ensureBuiltInRoles(database.db, systemClock);
  // A small generated desk: its admin configures the mailboxes, its requesters and tickets are written to.
  await generateTickets(database, { tickets: Number(values.tickets ?? 2000), messagesPerTicket: 4 });
  await database.close();
  const say = (line: string) => process.stderr.write(`bench: ${line}\n`);
  try {
    const results = await runMailIngest({
      serverEntry: path.join(root, 'dist', 'server', 'main.js'),
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ sqliteFile }),
      mails: Number(values.mails ?? 1000),
      connections: Number(values.connections ?? 8),
      imap: !values['smtp-only'],
      profileDir: values.profile ? path.join(root, 'bench', 'results', 'profiles', `mail-${Date.now()}`) : undefined,
      say,
    });
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } finally {
    if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench: failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
