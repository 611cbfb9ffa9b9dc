import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../../platform/db/column-types.js';
import { testDatabases } from '../../test/databases.js';
import { createTestDesk, type TestDesk } from './test-desk.js';

// The desk's name, accent colour and logo: set by admins, read by everyone signed in, used in notification mail.
describe.each(testDatabases)('the desk’s name, colour and logo on %s', (dialect) => {
  let desk: TestDesk;
  const settings = async () => (await desk.call(desk.admin, 'GET', '/api/v1/desk-settings')).body;
  const brandAudits = async () =>
    desk.app.database.db.selectFrom('auditEvents').select(['action', 'entityId', 'before', 'after', 'actorId']).where('action', '=', 'desk_settings.updated').orderBy('id').execute();

  beforeAll(async () => {
    desk = await createTestDesk(dialect);
  });
  afterAll(async () => desk?.stop());

  it('starts as Linchpin in the harbour colour without a logo, readable by requesters and agents alike', async () => {
    for (const who of [desk.requester, desk.agentA, desk.admin]) {
      const response = await desk.call(who, 'GET', '/api/v1/desk-settings');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ deskName: 'Linchpin', accentColor: 'harbour', logoUrl: null });
    }
    expect((await desk.call(null, 'GET', '/api/v1/desk-settings')).status).toBe(401);
  });

  it('lets an admin rename the desk, pick a colour and a logo, leaving the default team alone, and audits it', async () => {
    const teamBefore = (await settings()).defaultTeamId;
    const changed = await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { deskName: '  Northwind IT  ', accentColor: 'teal', logoUrl: 'https://cdn.example.com/logo.svg' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toEqual({ defaultTeamId: teamBefore, automatic: true, deskName: 'Northwind IT', accentColor: 'teal', logoUrl: 'https://cdn.example.com/logo.svg' });
    expect((await desk.call(desk.requester, 'GET', '/api/v1/desk-settings')).body).toMatchObject({ deskName: 'Northwind IT', accentColor: 'teal' });

    const [entry] = await brandAudits();
    expect(entry).toMatchObject({ entityId: 'desk.brand', actorId: desk.admin.user.id });
    expect(parseJson<object>(entry?.before)).toMatchObject({ deskName: 'Linchpin', accentColor: 'harbour', logoUrl: null });
    expect(parseJson<object>(entry?.after)).toMatchObject({ deskName: 'Northwind IT', accentColor: 'teal' });

    // Only what is sent changes: a same-origin logo path, then no logo at all.
    expect((await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { logoUrl: '/files/logo.png' })).body).toMatchObject({ deskName: 'Northwind IT', accentColor: 'teal', logoUrl: '/files/logo.png' });
    expect((await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { logoUrl: null })).body).toMatchObject({ deskName: 'Northwind IT', logoUrl: null });
    const both = await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { defaultTeamId: desk.teamB.id, accentColor: 'indigo' });
    expect(both.body).toMatchObject({ defaultTeamId: desk.teamB.id, automatic: false, deskName: 'Northwind IT', accentColor: 'indigo' });
    expect((await brandAudits()).at(-1)).toMatchObject({ entityId: 'tickets.default_team,desk.brand' });
  });

  it('refuses each bad value with a 400 naming the field, and changes nothing', async () => {
    const before = await settings();
    const auditsBefore = (await brandAudits()).length;
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ deskName: '' }, 'body.deskName'],
      [{ deskName: '   ' }, 'body.deskName'],
      [{ deskName: 'x'.repeat(81) }, 'body.deskName'],
      [{ deskName: 42 }, 'body.deskName'],
      [{ accentColor: 'red' }, 'body.accentColor'],
      [{ accentColor: 'chartreuse' }, 'body.accentColor'],
      [{ accentColor: null }, 'body.accentColor'],
      [{ logoUrl: 'http://example.com/logo.png' }, 'body.logoUrl'],
      [{ logoUrl: 'javascript:alert(1)' }, 'body.logoUrl'],
      [{ logoUrl: 'data:image/png;base64,AAAA' }, 'body.logoUrl'],
      [{ logoUrl: '//evil.example/logo.png' }, 'body.logoUrl'],
      [{ logoUrl: 'logo.png' }, 'body.logoUrl'],
      [{ logoUrl: '' }, 'body.logoUrl'],
      [{ logoUrl: `https://example.com/${'a'.repeat(490)}` }, 'body.logoUrl'],
      // A good name does not carry a bad colour through: all or nothing.
      [{ deskName: 'Fine name', accentColor: 'red' }, 'body.accentColor'],
    ];
    for (const [body, field] of bad) {
      const refused = await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.details.issues.map((issue: { field: string }) => issue.field), JSON.stringify(body)).toContain(field);
    }
    const unknownTeam = await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { deskName: 'Fine name', defaultTeamId: 999_999 });
    expect(unknownTeam.status).toBe(400);
    expect(unknownTeam.body.error.details).toMatchObject({ field: 'defaultTeamId' });
    expect((await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { deskName: 'Fine name', colour: 'teal' })).status).toBe(400);
    expect((await desk.call(desk.manager, 'PATCH', '/api/v1/desk-settings', { deskName: 'Mona’s desk' })).status).toBe(403);
    expect((await desk.call(desk.requester, 'PATCH', '/api/v1/desk-settings', { deskName: 'Rita’s desk' })).status).toBe(403);

    expect(await settings()).toEqual(before);
    expect(await brandAudits()).toHaveLength(auditsBefore);
  });

  it('signs notification mail with the desk’s name', async () => {
    await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { deskName: 'Northwind IT' });
    const ticket = await desk.call(desk.requester, 'POST', '/api/v1/tickets', { subject: 'Monitor flickers', body: 'Since Monday.' });
    expect(ticket.status).toBe(201);
    const receipts = await desk.app.database.db.selectFrom('outbox').select(['payload']).where('recipient', '=', desk.requester.user.email).execute();
    expect(receipts.length).toBeGreaterThan(0);
    expect(receipts.map((row) => JSON.stringify(parseJson<object>(row.payload))).join('\n')).toContain('Northwind IT');
  });
});
