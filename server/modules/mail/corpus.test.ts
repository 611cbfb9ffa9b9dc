import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createTeam, createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { parseRawMessage } from './parse-message.js';
import { deliverTo, freePort } from './test-support.js';
import { resolveThread, threadCandidates } from './threading.js';

/**
 * Every `.eml` in test-corpus/ is parsed and compared with the `.json` beside it. Plain keys must
 * equal the parsed field; `*Includes` / `*Excludes` list substrings; `attachments` entries are
 * partial matches; `thread` is the routing decision against the known ids below. A case with an
 * `intake` key is also delivered over SMTP to a desk seeded as described at `seedDesk`, and what it
 * became is compared with that key (see `IntakeExpectation`).
 */
const corpusDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-corpus');
const knownMessageIds = new Map<string, number>([
  ['ticket-1042-m1@desk.test', 42],
  ['m1@example.com', 42],
]);
const cases = fs
  .readdirSync(corpusDir)
  .filter((name) => name.endsWith('.eml'))
  .map((name) => name.slice(0, -4))
  .sort();

type Expected = Record<string, unknown>;

/** What a mail became at the desk. */
interface IntakeExpectation {
  /** The raw message's final status. */
  status: 'imported' | 'noise';
  /** The seeded ticket, a ticket of its own, or none at all. */
  ticket: '#1042' | 'new' | null;
  /** For a new ticket: whose it is and its subject. */
  requester?: string;
  subject?: string;
  /** The ticket's status afterwards. */
  ticketStatus?: string;
  /** The messages the mail added, oldest first. */
  added?: Array<{ author: string; kind: string; internal: boolean; text: string }>;
  /** Files on those messages, by index in `added`. */
  attachments?: Array<{ fileName: string; onMessage: number }>;
}

const rawOf = (name: string) => fs.readFileSync(path.join(corpusDir, `${name}.eml`));
const expectedOf = (name: string) => JSON.parse(fs.readFileSync(path.join(corpusDir, `${name}.json`), 'utf8')) as Expected;

describe('the mail corpus', () => {
  it('holds at least 40 messages, each with its expected result', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const name of cases) expect(fs.existsSync(path.join(corpusDir, `${name}.json`)), name).toBe(true);
  });

  it.each(cases)('%s parses as expected', async (name) => {
    const expected = expectedOf(name);
    const message = await parseRawMessage(rawOf(name));
    const fields = message as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      const includes = /^(text|html|replyText)(Includes|Excludes)$/.exec(key);
      if (includes) {
        const actual = String(fields[includes[1] ?? ''] ?? '');
        for (const part of value as string[]) {
          if (includes[2] === 'Includes') expect(actual, `${key} ${part}`).toContain(part);
          else expect(actual, `${key} ${part}`).not.toContain(part);
        }
      } else if (key === 'attachments') {
        const attachments = message.attachments.map(({ content: _content, ...rest }) => rest);
        expect(attachments).toHaveLength((value as unknown[]).length);
        (value as Expected[]).forEach((entry, index) => expect(attachments[index], `attachment ${index}`).toMatchObject(entry));
      } else if (key === 'thread') {
        expect(resolveThread(threadCandidates(message.inReplyTo, message.references), knownMessageIds, message.subject)).toEqual(value);
      } else if (key !== 'intake') {
        expect(fields[key], key).toEqual(value);
      }
    }
  });
});

const intakeCases = cases.filter((name) => 'intake' in expectedOf(name));

describe.each(testDatabases)('the mail corpus through intake on %s', (dialect) => {
  let app: TestApp;
  let port: number;
  let printerTicketId: number;

  /**
   * Ticket #1042, "Printer on floor 3 jams", in the Service desk team: Ann's (ann@example.com), Carl
   * (carl@example.com) copied. Sam (sam@staff.example) is an agent of that team; Nina (nina@staff.example) an agent
   * of the Network team. Mail arrives at help@desk.test, the Service desk's mailbox.
   */
  async function seedDesk() {
    const db = app.database.db;
    const serviceDesk = await createTeam(db, { name: 'Service desk' });
    const network = await createTeam(db, { name: 'Network', tier: 2 });
    await createUser(db, { role: 'agent', name: 'Sam Agent', email: 'sam@staff.example', teamIds: [serviceDesk.id] });
    await createUser(db, { role: 'agent', name: 'Nina Network', email: 'nina@staff.example', teamIds: [network.id] });
    const admin = await createUser(db, { role: 'admin' });
    const mailbox = await app.http.inject({
      method: 'POST',
      url: '/api/v1/mailboxes',
      headers: bearer(await createApiToken(db, admin.id, 'admin')),
      payload: { address: 'help@desk.test', teamId: serviceDesk.id, inboundMode: 'smtp' },
    });
    expect(mailbox.statusCode).toBe(201);
    await deliverTo(port).sendMail({
      from: 'Ann Example <ann@example.com>',
      cc: 'Carl Colleague <carl@example.com>',
      to: 'help@desk.test',
      subject: 'Printer on floor 3 jams',
      text: 'The printer on floor 3 jams on every page.',
    });
    const ticket = await db.selectFrom('tickets').select('id').where('subject', '=', 'Printer on floor 3 jams').executeTakeFirstOrThrow();
    printerTicketId = ticket.id;
    await db.updateTable('tickets').set({ ref: 1042 }).where('id', '=', ticket.id).execute();
  }

  beforeAll(async () => {
    port = await freePort();
    app = await createTestApp(dialect, { env: { SMTP_PORT: String(port) } });
    await seedDesk();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const lastMessageId = async (ticketId: number) =>
    Number((await app.database.db.selectFrom('ticketMessages').select((eb) => eb.fn.max('id').as('id')).where('ticketId', '=', ticketId).executeTakeFirst())?.id ?? 0);

  it.each(intakeCases)('%s becomes what it should', async (name) => {
    const db = app.database.db;
    const expected = expectedOf(name).intake as IntakeExpectation;
    const raw = rawOf(name);
    const parsed = await parseRawMessage(raw);
    const printerBefore = await lastMessageId(printerTicketId);
    const info = await deliverTo(port).sendMail({ envelope: { from: parsed.from!.address, to: ['help@desk.test'] }, raw });
    expect(info.response).toMatch(/^250 /);

    const stored = await db.selectFrom('mailRawMessages').select(['status', 'ticketId']).where('messageId', '=', parsed.messageId).executeTakeFirstOrThrow();
    expect(stored.status).toBe(expected.status);
    // A mail that did not join #1042 adds nothing to it.
    if (expected.ticket !== '#1042') expect(await lastMessageId(printerTicketId)).toBe(printerBefore);
    if (expected.ticket === null) {
      expect(stored.ticketId).toBeNull();
      return;
    }
    const ticketId = Number(stored.ticketId);
    if (expected.ticket === '#1042') expect(ticketId).toBe(printerTicketId);
    else expect(ticketId).not.toBe(printerTicketId);
    const ticket = await db
      .selectFrom('tickets')
      .innerJoin('userEmails', 'userEmails.userId', 'tickets.requesterId')
      .select(['tickets.subject', 'tickets.status', 'userEmails.email'])
      .where('tickets.id', '=', ticketId)
      .executeTakeFirstOrThrow();
    if (expected.requester) expect(ticket.email).toBe(expected.requester);
    if (expected.subject) expect(ticket.subject).toBe(expected.subject);
    if (expected.ticketStatus) expect(ticket.status).toBe(expected.ticketStatus);
    if (expected.ticket === 'new') {
      // Opened as any new mail is: linked to nothing.
      expect(await db.selectFrom('ticketLinks').select('id').where('ticketId', '=', ticketId).execute()).toEqual([]);
    }

    const added = await db
      .selectFrom('ticketMessages')
      .innerJoin('userEmails', 'userEmails.userId', 'ticketMessages.authorId')
      .select(['ticketMessages.id', 'userEmails.email', 'ticketMessages.kind', 'ticketMessages.isInternal', 'ticketMessages.bodyText'])
      .where('ticketMessages.ticketId', '=', ticketId)
      .where('ticketMessages.id', '>', expected.ticket === '#1042' ? printerBefore : 0)
      .orderBy('ticketMessages.id')
      .execute();
    if (expected.added) {
      expect(added.map((m) => ({ author: m.email, kind: m.kind, internal: Boolean(m.isInternal), text: m.bodyText }))).toEqual(expected.added);
    }
    if (expected.attachments) {
      const files = await db
        .selectFrom('attachments')
        .select(['fileName', 'messageId'])
        .where('ticketId', '=', ticketId)
        .orderBy('id')
        .execute();
      const onMessage = (messageId: number | null) => added.findIndex((m) => m.id === messageId);
      expect(files.map((file) => ({ fileName: file.fileName, onMessage: onMessage(file.messageId) }))).toEqual(expected.attachments);
    }
  });
});
