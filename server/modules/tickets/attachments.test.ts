import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { bearer } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { call, postMessage, requesterTicket, seedDesk, type Desk } from './extras.test-fixtures.js';

const boundary = '----linchpin-test-boundary';

function multipart(fileName: string, contentType: string, content: Buffer | string): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

/** Every stored file (not the temporary folder), relative to the attachments folder. */
function storedFiles(app: TestApp): string[] {
  const root = path.join(app.config.dataDir, 'attachments');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((entry) => fs.statSync(path.join(root, entry)).isFile());
}

describe.each(testDatabases)('attachments on %s', (dialect) => {
  let app: TestApp;
  let desk: Desk;
  let ticket: { id: number };

  async function upload(token: string, ticketId: number, fileName: string, content: Buffer | string, contentType = 'application/pdf') {
    return app.http.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/attachments`,
      headers: { ...bearer(token), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart(fileName, contentType, content),
    });
  }

  async function uploadOnMessage(token: string, fileName: string, content: string, internal: boolean) {
    const uploaded = await upload(token, ticket.id, fileName, content);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const message = await postMessage(app, token, ticket.id, internal ? 'See the attached plan.' : 'Attached, as asked.', internal);
    const linked = await call(app, token, 'PATCH', `/api/v1/attachments/${uploaded.json<{ id: number }>().id}`, { messageId: message.id });
    expect(linked.statusCode, linked.body).toBe(200);
    return linked.json<{ id: number; messageId: number }>();
  }

  beforeAll(async () => {
    app = await createTestApp(dialect, { env: { ATTACHMENT_MAX_BYTES: '4096' } });
    desk = await seedDesk(app);
    ticket = await requesterTicket(app, desk, 'Projector flickers', 'It flickers in room 2.', desk.teams.network.id);
  });

  afterAll(async () => {
    await app.stop();
  });

  it('stores an upload by its SHA-256 and the same content only once', async () => {
    const first = await upload(desk.tokens.dana, ticket.id, 'report.pdf', 'same bytes');
    const second = await upload(desk.tokens.rita, ticket.id, 'copy of report.pdf', 'same bytes');
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    // `printf 'same bytes' | sha256sum`
    const sha = '58100dc8fc06562ce3e578231dc948e083520ee49c4b4ee5a5a28bb4b4003feb';
    type Stored = { sha256: string; sizeBytes: number; fileName: string };
    const bodies = [first.json<Stored>(), second.json<Stored>()];
    expect(bodies.map((body) => body.sha256)).toEqual([sha, sha]);
    expect(bodies[0]!.sizeBytes).toBe(10);
    expect(bodies[1]!.fileName).toBe('copy of report.pdf');
    expect(storedFiles(app).filter((file) => file.endsWith(bodies[0]!.sha256))).toHaveLength(1);
  });

  it('refuses a file over the limit with 413 and keeps nothing', async () => {
    const filesBefore = storedFiles(app);
    const rowsBefore = await app.database.db.selectFrom('attachments').select('id').execute();
    const overLimit = await upload(desk.tokens.dana, ticket.id, 'big.bin', Buffer.alloc(5000, 7));
    expect(overLimit.statusCode, overLimit.body).toBe(413);
    expect(overLimit.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const farOver = await upload(desk.tokens.dana, ticket.id, 'huge.bin', Buffer.alloc(200_000, 7));
    expect(farOver.statusCode).toBe(413);
    expect(storedFiles(app)).toEqual(filesBefore);
    expect(await app.database.db.selectFrom('attachments').select('id').execute()).toHaveLength(rowsBefore.length);
  });

  it('refuses an unreadable upload with 400 and keeps nothing', async () => {
    const filesBefore = storedFiles(app);
    const cut = await app.http.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/attachments`,
      headers: { ...bearer(desk.tokens.dana), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhalf a fi`,
    });
    expect(cut.statusCode, cut.body).toBe(400);
    expect(cut.json()).toMatchObject({ error: { code: 'unreadable_upload' } });
    const noFile = await app.http.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/attachments`,
      headers: { ...bearer(desk.tokens.dana), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
    });
    expect(noFile.statusCode, noFile.body).toBe(400);
    expect(storedFiles(app)).toEqual(filesBefore);
  });

  it('serves a file as a download that the browser must not sniff, images inline', async () => {
    const uploaded = await upload(desk.tokens.dana, ticket.id, 'évaluation finale.html', '<script>alert(1)</script>', 'text/html');
    const download = await call(app, desk.tokens.dana, 'GET', `/api/v1/attachments/${uploaded.json<{ id: number }>().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('<script>alert(1)</script>');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="_valuation finale.html"; filename*=UTF-8''%C3%A9valuation%20finale.html`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toContain('sandbox');
    const image = await upload(desk.tokens.dana, ticket.id, 'screen.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png');
    const shown = await call(app, desk.tokens.dana, 'GET', `/api/v1/attachments/${image.json<{ id: number }>().id}`);
    expect(shown.headers['content-disposition']).toMatch(/^inline; /);
    expect(shown.headers['content-type']).toBe('image/png');
  });

  it("shows a public message's attachment to the requester and hides an internal note's", async () => {
    const publicFile = await uploadOnMessage(desk.tokens.dana, 'invoice-march.pdf', 'public bytes', false);
    const noteFile = await uploadOnMessage(desk.tokens.dana, 'escalation-plan.pdf', 'internal bytes', true);
    expect((await call(app, desk.tokens.rita, 'GET', `/api/v1/attachments/${publicFile.id}`)).statusCode).toBe(200);
    const hidden = await call(app, desk.tokens.rita, 'GET', `/api/v1/attachments/${noteFile.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await call(app, desk.tokens.dana, 'GET', `/api/v1/attachments/${noteFile.id}`)).statusCode).toBe(200);
    // Another team's agent and another requester do not see the ticket at all.
    expect((await call(app, desk.tokens.omar, 'GET', `/api/v1/attachments/${publicFile.id}`)).statusCode).toBe(404);
    expect((await call(app, desk.tokens.sam, 'GET', `/api/v1/attachments/${publicFile.id}`)).statusCode).toBe(404);
    const listed = await call(app, desk.tokens.rita, 'GET', `/api/v1/tickets/${ticket.id}/attachments`);
    const names = listed.json<{ items: { fileName: string }[] }>().items.map((item) => item.fileName);
    expect(names).toContain('invoice-march.pdf');
    expect(names).toContain('copy of report.pdf'); // her own pending upload
    expect(names).not.toContain('escalation-plan.pdf');
    expect(names).not.toContain('report.pdf'); // the agent's pending upload
  });

  it('makes attachment names searchable, internal ones for the desk only', async () => {
    const search = async (token: string, q: string) =>
      (await call(app, token, 'GET', `/api/v1/search?q=${q}`)).json<{ total: number; items: { matchedIn: string }[] }>();
    expect((await search(desk.tokens.rita, 'invoice')).items.map((hit) => hit.matchedIn)).toEqual(['attachment']);
    expect((await search(desk.tokens.rita, 'escalation')).total).toBe(0);
    expect((await search(desk.tokens.dana, 'escalation')).items.map((hit) => hit.matchedIn)).toEqual(['attachment']);
  });

  it('puts an upload only on a message of its uploader on the same ticket', async () => {
    const uploaded = await upload(desk.tokens.rita, ticket.id, 'photo.jpg', 'jpeg-ish', 'image/jpeg');
    const agentMessage = await postMessage(app, desk.tokens.dana, ticket.id, 'Thanks.');
    const refused = await call(app, desk.tokens.rita, 'PATCH', `/api/v1/attachments/${uploaded.json<{ id: number }>().id}`, { messageId: agentMessage.id });
    expect(refused.statusCode).toBe(400);
    expect((await call(app, desk.tokens.rita, 'POST', `/api/v1/tickets/999999/attachments`, {})).statusCode).toBe(404);
  });
});
