import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { bearer } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { call, requesterTicket, seedDesk, type Desk } from './extras.test-fixtures.js';

const boundary = '----linchpin-message-files';

interface MessageBody {
  id: number;
  internal: boolean;
  attachments: Array<{ id: number; filename: string; contentType: string; size: number; url: string }>;
}

describe.each(testDatabases)('files on messages on %s', (dialect) => {
  let app: TestApp;
  let desk: Desk;
  let ticketId: number;

  async function upload(token: string, onTicket: number, fileName: string, content: string): Promise<number> {
    const response = await app.http.inject({
      method: 'POST',
      url: `/api/v1/tickets/${onTicket}/attachments`,
      headers: { ...bearer(token), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
      ),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: number }>().id;
  }
  async function post(token: string, onTicket: number, body: Record<string, unknown>) {
    const response = await call(app, token, 'POST', `/api/v1/tickets/${onTicket}/messages`, body);
    return { status: response.statusCode, body: response.json() };
  }
  async function messages(token: string, onTicket: number): Promise<MessageBody[]> {
    const response = await call(app, token, 'GET', `/api/v1/tickets/${onTicket}/messages`);
    expect(response.statusCode).toBe(200);
    return response.json<{ items: MessageBody[] }>().items;
  }
  const messageCount = async (onTicket: number) => (await messages(desk.tokens.dana, onTicket)).length;

  beforeAll(async () => {
    app = await createTestApp(dialect);
    desk = await seedDesk(app);
    ticketId = (await requesterTicket(app, desk, 'Scanner jams', 'Every third page.', desk.teams.network.id)).id;
  });
  afterAll(async () => app?.stop());

  it('puts the sender’s uploads on a public reply, shown in the response and the conversation', async () => {
    const log = await upload(desk.tokens.dana, ticketId, 'scanner.log', 'paper jam at tray 2');
    const guide = await upload(desk.tokens.dana, ticketId, 'guide.txt', 'open the tray');
    const reply = await post(desk.tokens.dana, ticketId, { body: 'Try this guide.', attachmentIds: [log, guide] });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.message.attachments).toEqual([
      { id: log, filename: 'scanner.log', contentType: 'text/plain', size: 19, url: `/api/v1/attachments/${log}` },
      { id: guide, filename: 'guide.txt', contentType: 'text/plain', size: 13, url: `/api/v1/attachments/${guide}` },
    ]);
    const seenByRequester = (await messages(desk.tokens.rita, ticketId)).find((m) => m.id === reply.body.message.id)!;
    expect(seenByRequester.attachments.map((a) => a.filename)).toEqual(['scanner.log', 'guide.txt']);
    // The first message has none.
    expect((await messages(desk.tokens.rita, ticketId))[0]!.attachments).toEqual([]);
  });

  it('keeps a note’s files from the requester, and lets the requester attach to their own message', async () => {
    const plan = await upload(desk.tokens.dana, ticketId, 'plan.txt', 'replace the roller');
    const note = await post(desk.tokens.dana, ticketId, { body: 'Internal plan attached.', internal: true, attachmentIds: [plan] });
    expect(note.status).toBe(201);
    expect(note.body.message.attachments.map((a: { id: number }) => a.id)).toEqual([plan]);
    const agentView = (await messages(desk.tokens.dana, ticketId)).find((m) => m.id === note.body.message.id)!;
    expect(agentView.attachments.map((a) => a.id)).toEqual([plan]);
    const requesterView = await messages(desk.tokens.rita, ticketId);
    expect(requesterView.some((m) => m.id === note.body.message.id)).toBe(false);
    expect(requesterView.flatMap((m) => m.attachments.map((a) => a.id))).not.toContain(plan);
    expect((await call(app, desk.tokens.rita, 'GET', `/api/v1/attachments/${plan}`)).statusCode).toBe(404);

    const photo = await upload(desk.tokens.rita, ticketId, 'photo.txt', 'a blurry photo');
    const message = await post(desk.tokens.rita, ticketId, { body: 'Here is a photo.', attachmentIds: [photo] });
    expect(message.status).toBe(201);
    expect(message.body.message.kind).toBe('message');
    expect(message.body.message.attachments.map((a: { filename: string }) => a.filename)).toEqual(['photo.txt']);
  });

  it('refuses files that are not the sender’s pending uploads on this ticket, and changes nothing', async () => {
    const otherTicket = (await requesterTicket(app, desk, 'Monitor flickers', 'Left one.', desk.teams.network.id)).id;
    const elsewhere = await upload(desk.tokens.dana, otherTicket, 'elsewhere.txt', 'not this ticket');
    const ritas = await upload(desk.tokens.rita, ticketId, 'ritas.txt', 'uploaded by the requester');
    const mine = await upload(desk.tokens.dana, ticketId, 'mine.txt', 'fine on its own');
    const used = await post(desk.tokens.dana, ticketId, { body: 'Uses a file.', attachmentIds: [mine] });
    expect(used.status).toBe(201);
    const pending = await upload(desk.tokens.dana, ticketId, 'pending.txt', 'still pending');
    const before = await messageCount(ticketId);
    const ticketBefore = (await call(app, desk.tokens.dana, 'GET', `/api/v1/tickets/${ticketId}`)).json<{ version: number; updatedAt: string }>();

    // Another ticket's upload, someone else's upload, one already on a message, one that does not exist —
    // each alongside a good one, which must stay pending.
    for (const bad of [elsewhere, ritas, mine, 999_999]) {
      const refused = await post(desk.tokens.dana, ticketId, { body: 'Should not be saved.', attachmentIds: [pending, bad] });
      expect(refused.status, String(bad)).toBe(400);
      expect(refused.body.error.details).toMatchObject({ field: 'attachmentIds', attachmentIds: [bad] });
    }
    for (const malformed of [[0], ['x'], Array.from({ length: 21 }, (_, i) => i + 1), 'abc']) {
      expect((await post(desk.tokens.dana, ticketId, { body: 'Malformed.', attachmentIds: malformed })).status).toBe(400);
    }
    expect(await messageCount(ticketId)).toBe(before);
    expect((await call(app, desk.tokens.dana, 'GET', `/api/v1/tickets/${ticketId}`)).json()).toMatchObject(ticketBefore);
    const files = (await call(app, desk.tokens.dana, 'GET', `/api/v1/tickets/${ticketId}/attachments`)).json<{ items: Array<{ id: number; messageId: number | null }> }>();
    expect(files.items.find((file) => file.id === pending)!.messageId).toBeNull();
    expect(files.items.find((file) => file.id === ritas)!.messageId).toBeNull();
  });

  it('carries the files of a reply to a closed ticket over to the follow-up ticket', async () => {
    const closing = (await requesterTicket(app, desk, 'Old laptop', 'Slow.', desk.teams.network.id)).id;
    let version = (await call(app, desk.tokens.dana, 'GET', `/api/v1/tickets/${closing}`)).json<{ version: number }>().version;
    for (const status of ['resolved', 'closed']) {
      const changed = await call(app, desk.tokens.dana, 'PATCH', `/api/v1/tickets/${closing}`, { version, status });
      expect(changed.statusCode, changed.body).toBe(200);
      version = changed.json<{ version: number }>().version;
    }
    const screenshot = await upload(desk.tokens.rita, closing, 'again.txt', 'slow again');
    const reply = await post(desk.tokens.rita, closing, { body: 'It is slow again.', attachmentIds: [screenshot] });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.ticket.id).not.toBe(closing);
    expect(reply.body.message.attachments.map((a: { id: number }) => a.id)).toEqual([screenshot]);
    const download = await call(app, desk.tokens.rita, 'GET', `/api/v1/attachments/${screenshot}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('slow again');
    const followUpFiles = (await call(app, desk.tokens.rita, 'GET', `/api/v1/tickets/${reply.body.ticket.id}/attachments`)).json<{ items: Array<{ id: number }> }>();
    expect(followUpFiles.items.map((file) => file.id)).toEqual([screenshot]);
  });
});
