import { describe, expect, it } from 'vitest';
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
