import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../../platform/db/column-types.js';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createTeam, createUser, type TestUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createOutboxSender, type OutboxSender } from './outbox-sender.js';
import { createSecretBox, loadSecretKey } from './secret-box.js';
import { deliverTo, eventually, freePort, startReceivingServer } from './test-support.js';

/**
 * Agents answer the desk's notifications from their mail client. Mail arrives over SMTP at the listener, the
 * outbox sends through a test SMTP server that keeps what it receives.
 */
describe.each(testDatabases)('agents replying by mail on %s', (dialect) => {
  let app: TestApp;
  let smtpPort: number;
  let relay: Awaited<ReturnType<typeof startReceivingServer>>;
  let sender: OutboxSender;
  let adminToken: string;
  let sam: TestUser;
  let samToken: string;
  let nina: TestUser;
  let olive: TestUser;

  beforeAll(async () => {
    relay = await startReceivingServer();
    smtpPort = await freePort();
    app = await createTestApp(dialect, { env: { SMTP_PORT: String(smtpPort), PUBLIC_URL: 'https://help.example.test' } });
    const db = app.database.db;
    const serviceDesk = await createTeam(db, { name: 'Service desk' });
    const network = await createTeam(db, { name: 'Network', tier: 2 });
    adminToken = await createApiToken(db, (await createUser(db, { role: 'admin', password: null })).id, 'admin');
    const call = async (url: string, payload: object) => {
      const response = await app.http.inject({ method: 'POST', url, headers: bearer(adminToken), payload });
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
      return response.json<{ id: number }>();
    };
    // Olive may look at the team's tickets and write notes, never answer requesters.
    await call('/api/v1/roles', { key: 'observer', name: 'Observer', permissions: ['tickets.view', 'tickets.note'] });
    sam = await createUser(db, { role: 'agent', name: 'Sam Agent', email: 'sam@staff.example', password: null, teamIds: [serviceDesk.id] });
    samToken = await createApiToken(db, sam.id);
    nina = await createUser(db, { role: 'agent', name: 'Nina Network', email: 'nina@staff.example', password: null, teamIds: [network.id] });
    olive = await createUser(db, { role: 'observer', name: 'Olive Observer', email: 'olive@staff.example', password: null, teamIds: [serviceDesk.id] });
    await call('/api/v1/mailboxes', {
      address: 'help@desk.test',
      displayName: 'Help Desk',
      teamId: serviceDesk.id,
      inboundMode: 'smtp',
      smtp: { host: '127.0.0.1', port: relay.port, user: null },
    });
    const calendar = await call('/api/v1/business-calendars', { name: 'Always', timeZone: 'UTC', hours: '24x7' });
    const target = { firstResponseMinutes: 60, resolutionMinutes: 480 };
    await call('/api/v1/sla-policies', { name: 'Everything', calendarId: calendar.id, targets: { low: target, normal: target, high: target, urgent: target } });
    sender = createOutboxSender({ db, clock: app.context.clock, secrets: createSecretBox(loadSecretKey(undefined, app.config.dataDir)), log: app.http.log });
  });
  afterAll(async () => {
    sender?.close();
    await app?.stop();
    await relay?.stop();
  });

  const mailsTo = (address: string) => relay.received.filter((mail) => JSON.stringify(mail.to).includes(address));
  /** Sends what the outbox holds until a mail to `address` matching `subject` has arrived at the test server. */
  const delivered = (address: string, subject: RegExp) =>
    eventually(async () => {
      await sender.deliverDue();
      return mailsTo(address).find((mail) => subject.test(mail.subject ?? ''));
    }, `mail to ${address} about ${subject}`);

  /** Ann writes to the desk; the ticket it opens, and her mail's Message-ID. */
  async function annWrites(subject: string, text: string, cc?: string) {
    const mail = await deliverTo(smtpPort).sendMail({ from: 'Ann Example <ann@example.com>', to: 'help@desk.test', subject, text, ...(cc ? { cc } : {}) });
    const ticket = await eventually(
      () => app.database.db.selectFrom('tickets').select(['id', 'ref']).where('subject', '=', subject).executeTakeFirst(),
      `the ticket "${subject}"`,
    );
    return { ticketId: Number(ticket.id), ref: Number(ticket.ref), messageId: mail.messageId };
  }

  /** An answer from someone's mail client: their words, a signature, and the mail they answer quoted below. */
  function answer(from: string, to: ParsedMail, words: string, headers: Record<string, string> = {}) {
    return deliverTo(smtpPort).sendMail({
      from,
      to: 'help@desk.test',
      subject: `Re: ${to.subject}`,
      inReplyTo: to.messageId,
      references: [...(Array.isArray(to.references) ? to.references : to.references ? [to.references] : []), to.messageId!],
      text: `${words}\n\n-- \n${from.replace(/ <.*/, '')}\n\nOn Mon, 23 Nov 2026 at 10:00, Help Desk <help@desk.test> wrote:\n> ${to.text?.split('\n')[0] ?? ''}\n`,
      headers,
    });
  }

  /** What a reply did to a ticket, after `sinceMessageId` and `sinceOutboxId`: comparable between tickets. */
  async function effectsOf(ticketId: number, since: { messageId: number; outboxId: number }) {
    const db = app.database.db;
    const ticket = await db.selectFrom('tickets').select(['status', 'firstResponseAt', 'lastPublicActivityAt']).where('id', '=', ticketId).executeTakeFirstOrThrow();
    const messages = await db.selectFrom('ticketMessages').select(['authorId', 'kind', 'isInternal', 'channel']).where('ticketId', '=', ticketId).where('id', '>', since.messageId).execute();
    const history = await db.selectFrom('ticketHistory').select(['field', 'actorId']).where('ticketId', '=', ticketId).orderBy('id').execute();
    const outbox = (await db.selectFrom('outbox').select(['recipient', 'payload']).where('id', '>', since.outboxId).orderBy('id').execute())
      .map((row) => ({ recipient: row.recipient, payload: parseJson<{ template: string; ticketId: number }>(row.payload) }))
      .filter((row) => row.payload.ticketId === ticketId);
    const sla = await app.http.inject({ method: 'GET', url: `/api/v1/tickets/${ticketId}/sla`, headers: bearer(adminToken) });
    return {
      status: ticket.status,
      answered: ticket.firstResponseAt !== null,
      messages: messages.map((m) => ({ authorId: Number(m.authorId), kind: m.kind, internal: Boolean(m.isInternal) })),
      history: history.map((h) => `${h.field} by ${h.actorId === null ? 'system' : Number(h.actorId)}`),
      outbox: outbox.map((row) => `${row.payload.template} to ${row.recipient}`),
      sla: sla.json<{ clocks: Array<{ metric: string; state: string }> }>().clocks.map((clock) => `${clock.metric} ${clock.state}`),
    };
  }

  const lastIds = async () => ({
    messageId: Number((await app.database.db.selectFrom('ticketMessages').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0),
    outboxId: Number((await app.database.db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0),
  });

  it('makes an agent’s answer to the "new ticket in your team" notice their public reply, mailed to the requester in her thread', async () => {
    const db = app.database.db;
    const ann = await annWrites('Wi-Fi drops in room 4.12', 'The Wi-Fi drops every few minutes.');
    const notice = await delivered(sam.email, /^New in Service desk.*Wi-Fi drops in room 4.12/);
    const receipt = await delivered('ann@example.com', /^\[#\d+\] Wi-Fi drops/);
    const before = await lastIds();

    const samsMail = await answer('Sam Agent <sam@staff.example>', notice, 'Hi Ann, we replace the access point on your floor this afternoon.');
    expect(samsMail.response).toMatch(/^250 /);

    const [reply] = await db.selectFrom('ticketMessages').selectAll().where('ticketId', '=', ann.ticketId).where('id', '>', before.messageId).execute();
    expect(reply).toMatchObject({ kind: 'reply', channel: 'email', bodyText: 'Hi Ann, we replace the access point on your floor this afternoon.' });
    expect(Number(reply!.authorId)).toBe(sam.id);
    expect(Boolean(reply!.isInternal)).toBe(false);
    const effects = await effectsOf(ann.ticketId, before);
    expect(effects).toMatchObject({ status: 'open', answered: true, outbox: ['agent_reply to ann@example.com'] });
    expect(effects.history).toEqual(expect.arrayContaining([`status by ${sam.id}`, `firstResponseAt by ${sam.id}`]));
    expect(effects.sla).toContain('first_response met');

    // Ann gets Sam's words (not his signature or the quoted notice) in the thread of her own mail.
    const mailed = await delivered('ann@example.com', new RegExp(`^Re: \\[#${ann.ref}\\]`));
    expect(mailed.text).toContain('we replace the access point on your floor this afternoon');
    expect(mailed.text).not.toContain('The Wi-Fi drops every few minutes');
    expect(mailed.text).not.toContain('Sam Agent\n');
    expect(mailed.inReplyTo).toBe(ann.messageId);
    expect(mailed.references).toEqual(expect.arrayContaining([ann.messageId, receipt.messageId]));
    // Sam's own mail never went to Ann, so her client is not pointed at it; and Sam is not sent his own words.
    expect(mailed.references).not.toContain(samsMail.messageId);
    // Nor is the notice sent to Sam: whoever knew its Message-ID could answer it as Sam.
    expect(mailed.references).not.toContain(notice.messageId);
    expect(mailsTo(sam.email).filter((mail) => mail.text?.includes('access point'))).toEqual([]);

    // The same reply through the API leaves a twin ticket exactly so.
    const twin = await annWrites('Wi-Fi drops in room 4.14', 'The Wi-Fi drops every few minutes.');
    const twinBefore = await lastIds();
    const viaApi = await app.http.inject({
      method: 'POST',
      url: `/api/v1/tickets/${twin.ticketId}/messages`,
      headers: bearer(samToken),
      payload: { body: 'Hi Ann, we replace the access point on your floor this afternoon.' },
    });
    expect(viaApi.statusCode).toBe(201);
    expect(await effectsOf(twin.ticketId, twinBefore)).toEqual(effects);
  });

  it('makes an answer to the "assigned to you" notice a reply as well', async () => {
    const ann = await annWrites('Toner low on floor 2', 'The printer says toner low.');
    const { version } = await app.database.db.selectFrom('tickets').select('version').where('id', '=', ann.ticketId).executeTakeFirstOrThrow();
    const assigned = await app.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ann.ticketId}`, headers: bearer(adminToken), payload: { version: Number(version), assigneeId: sam.id } });
    expect(assigned.statusCode).toBe(200);
    const notice = await delivered(sam.email, /assigned.*Toner low on floor 2/i);
    expect(notice.subject).toContain(`#${ann.ref}`);

    await answer('Sam Agent <sam@staff.example>', notice, 'A new cartridge is on its way to you, Ann.');
    const messages = await app.database.db.selectFrom('ticketMessages').select(['authorId', 'kind', 'isInternal']).where('ticketId', '=', ann.ticketId).orderBy('id').execute();
    expect(messages.map((m) => [Number(m.authorId), m.kind, Boolean(m.isInternal)]).at(-1)).toEqual([sam.id, 'reply', false]);
    const mailed = await delivered('ann@example.com', new RegExp(`^Re: \\[#${ann.ref}\\]`));
    expect(mailed.text).toContain('A new cartridge is on its way to you, Ann.');
    expect(mailed.inReplyTo).toBe(ann.messageId);
  });

  it('keeps the mail of staff who may not answer the requester as their internal note, and mails the requester nothing', async () => {
    const db = app.database.db;
    // Nina (another team) was copied by Ann and answers all; Olive may see the ticket but not reply to requesters.
    const ann = await annWrites('VPN certificate expired', 'My VPN says the certificate expired.', 'Nina Network <nina@staff.example>');
    const notice = await delivered(olive.email, /^New in Service desk.*VPN certificate expired/);
    const before = await lastIds();
    await deliverTo(smtpPort).sendMail({
      from: 'Nina Network <nina@staff.example>',
      to: 'help@desk.test',
      cc: 'ann@example.com',
      subject: 'Re: VPN certificate expired',
      inReplyTo: ann.messageId,
      references: [ann.messageId],
      text: 'The network team renews these on Fridays.',
    });
    await answer('Olive Observer <olive@staff.example>', notice, 'Ann is on the list of people without a laptop refresh.');

    const effects = await effectsOf(ann.ticketId, before);
    expect(effects).toMatchObject({ status: 'new', answered: false, outbox: [] });
    expect(effects.messages).toEqual([
      { authorId: nina.id, kind: 'note', internal: true },
      { authorId: olive.id, kind: 'note', internal: true },
    ]);
    // The portal shows Ann none of it.
    const annId = (await db.selectFrom('userEmails').select('userId').where('email', '=', 'ann@example.com').executeTakeFirstOrThrow()).userId;
    const portal = await app.http.inject({ method: 'GET', url: `/api/v1/tickets/${ann.ticketId}/messages`, headers: bearer(await createApiToken(db, Number(annId))) });
    expect(portal.json<{ items: Array<{ body: string }> }>().items.map((m) => m.body).join(' ')).not.toMatch(/Fridays|laptop refresh/);
    await sender.deliverDue();
    expect(mailsTo('ann@example.com').filter((mail) => /Fridays|laptop refresh/.test(mail.text ?? ''))).toEqual([]);
  });

  it('keeps mail from an agent’s address that answers no mail we sent them as their note: a From can be forged', async () => {
    const ann = await annWrites('Badge reader refuses my card', 'The badge reader at the side door refuses my card.');
    await delivered(sam.email, /^New in Service desk.*Badge reader refuses my card/);
    const before = await lastIds();
    // Answering Ann's own mail (its Message-ID travels in every reply to it), then with only the ticket's tag.
    await deliverTo(smtpPort).sendMail({
      from: 'Sam Agent <sam@staff.example>',
      to: 'help@desk.test',
      subject: 'Re: Badge reader refuses my card',
      inReplyTo: ann.messageId,
      references: [ann.messageId],
      text: 'Please send your bank details to renew the badge.',
    });
    await deliverTo(smtpPort).sendMail({ from: 'Sam Agent <sam@staff.example>', to: 'help@desk.test', subject: `Re: [#${ann.ref}] Badge reader`, text: 'Badge renewal needs your password.' });
    const effects = await effectsOf(ann.ticketId, before);
    expect(effects).toMatchObject({ status: 'new', answered: false, outbox: [] });
    expect(effects.messages).toEqual([
      { authorId: sam.id, kind: 'note', internal: true },
      { authorId: sam.id, kind: 'note', internal: true },
    ]);
    await sender.deliverDue();
    expect(mailsTo('ann@example.com').filter((mail) => /bank details|password/.test(mail.text ?? ''))).toEqual([]);
  });

  it('keeps an agent’s out-of-office answer to a notice as an automatic note that moves and sends nothing', async () => {
    const ann = await annWrites('Monitor stays black', 'My monitor stays black.');
    const notice = await delivered(sam.email, /^New in Service desk.*Monitor stays black/);
    const before = await lastIds();
    await answer('Sam Agent <sam@staff.example>', notice, 'I am out of the office until Monday.', { 'Auto-Submitted': 'auto-replied' });
    expect(await effectsOf(ann.ticketId, before)).toMatchObject({ status: 'new', answered: false, outbox: [], messages: [{ authorId: sam.id, kind: 'note', internal: true }] });
  });

  it('treats an agent writing on their own ticket as its requester', async () => {
    await deliverTo(smtpPort).sendMail({ from: 'Sam Agent <sam@staff.example>', to: 'help@desk.test', subject: 'My headset crackles', text: 'The left side crackles.' });
    const ticket = await eventually(() => app.database.db.selectFrom('tickets').select(['id', 'ref']).where('subject', '=', 'My headset crackles').executeTakeFirst(), 'the ticket');
    const receipt = await delivered(sam.email, /My headset crackles/);
    const before = await lastIds();
    await answer('Sam Agent <sam@staff.example>', receipt, 'Now the right side too.');
    expect(await effectsOf(Number(ticket.id), before)).toMatchObject({ status: 'new', answered: false, messages: [{ authorId: sam.id, kind: 'message', internal: false }] });
  });
});
