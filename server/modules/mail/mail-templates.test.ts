import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { defaultTemplates, renderTemplate } from './mail-templates.js';

describe('notification templates', () => {
  it('fill variables, escaping them in HTML but not in text', () => {
    const out = renderTemplate(defaultTemplates.ticket_received, { recipientName: 'Ann <ann>', ticketRef: '1042', ticketSubject: 'Printer', ticketUrl: 'https://desk/t/1042', deskName: 'Help' });
    expect(out.subject).toBe('[#1042] Printer');
    expect(out.bodyText).toContain('Hello Ann <ann>,');
    expect(out.bodyHtml).toContain('Hello Ann &lt;ann&gt;,');
  });

  it('insert sanitised HTML with triple braces and drop unknown names', () => {
    const out = renderTemplate({ subject: 'x {{nope}}', bodyText: '{{{messageHtml}}}', bodyHtml: '{{{messageHtml}}}' }, { messageHtml: '<p>Hi</p>' });
    expect(out.subject).toBe('x');
    expect(out.bodyHtml).toBe('<p>Hi</p>');
    expect(out.bodyText).toBe('&lt;p&gt;Hi&lt;/p&gt;');
  });

  it('keep a subject on one line', () => {
    expect(renderTemplate({ subject: '{{ticketSubject}}', bodyText: '', bodyHtml: '' }, { ticketSubject: 'a\r\nBcc: x@evil.test' }).subject).toBe('a Bcc: x@evil.test');
  });
});

describe.each(testDatabases)('saving a notification template on %s', (dialect) => {
  let app: TestApp;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await createTestApp(dialect);
    const admin = await createUser(app.database.db, { role: 'admin' });
    headers = bearer(await createApiToken(app.database.db, admin.id, 'admin'));
  });
  afterAll(async () => {
    await app?.stop();
  });

  const save = (key: string, payload: object) => app.http.inject({ method: 'PUT', url: `/api/v1/mail/templates/${key}`, headers, payload });
  const stored = async (key: string) =>
    (await app.http.inject({ method: 'GET', url: '/api/v1/mail/templates', headers })).json<{ items: Array<{ key: string; subject: string; isCustomised: boolean }> }>().items.find((t) => t.key === key)!;

  it('refuses a placeholder the mail cannot fill, naming the field and what it can use, and saves nothing', async () => {
    const typo = await save('agent_reply', { subject: 'Re: {{ticketNumber}}', bodyText: '{{messageText}}', bodyHtml: '' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error).toMatchObject({ code: 'invalid_field', details: { field: 'subject', unknown: ['{{ticketNumber}}'] } });
    expect(typo.json().error.message).toContain('{{ticketRef}}');
    const spelling = await save('agent_reply', { subject: 'Re: {{ticketRef}}', bodyText: 'See {{ ticket_ref }} and {{{ messageHtml }}}', bodyHtml: '' });
    expect(spelling.json().error.details).toMatchObject({ field: 'bodyText', unknown: ['{{ ticket_ref }}'] });
    // A variable of another mail is unknown here too.
    expect((await save('magic_link', { subject: 'Sign in', bodyText: '{{link}} for {{ticketRef}}', bodyHtml: '' })).statusCode).toBe(400);
    expect((await stored('agent_reply')).isCustomised).toBe(false);
    expect((await stored('magic_link')).isCustomised).toBe(false);
  });

  it('saves known placeholders, in double or triple braces, and takes the built-in wording back as not customised', async () => {
    const saved = await save('agent_reply', { subject: 'Answer on [#{{ticketRef}}]', bodyText: '{{ messageText }}', bodyHtml: '<div>{{{messageHtml}}}</div>' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ subject: 'Answer on [#{{ticketRef}}]', isCustomised: true });
    const builtIn = defaultTemplates.agent_reply;
    const back = await save('agent_reply', builtIn);
    expect(back.json()).toMatchObject({ subject: builtIn.subject, isCustomised: false, updatedAt: null });
  });
});
