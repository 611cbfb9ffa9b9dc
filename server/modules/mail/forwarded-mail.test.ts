import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { attachedForwardPart, forwardedOriginal, forwardIn } from './forwarded-mail.js';
import { parseRawMessage } from './parse-message.js';

const corpusMail = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-corpus', `${name}.eml`));

/** A forward as attachment holding `attached` mails, each a small mail from `sender`. */
function forwardAsAttachment(subject: string, attached: string[]): Buffer {
  const parts = attached.map((sender) =>
    ['--b', 'Content-Type: message/rfc822', 'Content-Disposition: attachment', '', `From: ${sender}`, 'Subject: Printer', '', 'It jams.'].join('\r\n'),
  );
  return Buffer.from(['From: sam@staff.example', `Subject: ${subject}`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'Please take this.', ...parts, '--b--', ''].join('\r\n'));
}

describe('a forwarded mail', () => {
  it('finds the original sender, text and the note above a Gmail forward', () => {
    const text = [
      'Can the desk take this one? She is in the Leeds office.',
      '',
      '---------- Forwarded message ---------',
      'From: Ann Example <Ann@Example.com>',
      'Date: Mon, 23 Nov 2026 at 09:12',
      'Subject: Laptop will not start',
      'To: Sam Agent <sam@desk.test>',
      '',
      'Hi Sam, my laptop shows a black screen since this morning.',
      '',
      'Ann',
    ].join('\n');
    expect(forwardedOriginal('Fwd: Laptop will not start', text)).toEqual({
      from: { address: 'ann@example.com', name: 'Ann Example' },
      text: 'Hi Sam, my laptop shows a black screen since this morning.\n\nAnn',
      note: 'Can the desk take this one? She is in the Leeds office.',
    });
  });

  it('reads Outlook (rule and mailto), Apple Mail, Thunderbird and German Outlook forwards', () => {
    const outlook = 'FYI\n\n________________________________\nFrom: Bob Builder [mailto:bob@example.com]\nSent: Monday, 23 November 2026 10:00\nTo: IT\nSubject: VPN\n\nVPN drops every hour.';
    expect(forwardedOriginal('FW: VPN', outlook)).toMatchObject({ from: { address: 'bob@example.com', name: 'Bob Builder' }, text: 'VPN drops every hour.', note: 'FYI' });

    const apple = 'Begin forwarded message:\n\nFrom: "Chloe M." <chloe@example.org>\nSubject: Printer\nDate: 23 November 2026\nTo: sam@desk.test\n\nThe printer is jammed.';
    expect(forwardedOriginal('Fwd: Printer', apple)).toMatchObject({ from: { address: 'chloe@example.org', name: 'Chloe M.' }, text: 'The printer is jammed.', note: '' });

    const thunderbird = '-------- Forwarded Message --------\nSubject: \tShare access\nDate: \tMon, 23 Nov 2026\nFrom: \tdiego@example.com\nTo: \tsam@desk.test\n\nPlease give me access to Finance.';
    expect(forwardedOriginal('Fwd: Share access', thunderbird)).toMatchObject({ from: { address: 'diego@example.com', name: '' }, text: 'Please give me access to Finance.' });

    const german = 'Bitte übernehmen.\n\n-----Ursprüngliche Nachricht-----\nVon: Jana Novak <jana@example.de>\nGesendet: Montag, 23. November 2026 10:00\nAn: IT\nBetreff: Drucker\n\nDer Drucker druckt nicht.';
    expect(forwardedOriginal('WG: Drucker', german)).toMatchObject({ from: { address: 'jana@example.de', name: 'Jana Novak' }, text: 'Der Drucker druckt nicht.', note: 'Bitte übernehmen.' });
  });

  it('is nothing when the subject is not a forward, or no original sender can be read', () => {
    const gmail = '---------- Forwarded message ---------\nFrom: Ann <ann@example.com>\n\nHello';
    expect(forwardedOriginal('Laptop', gmail)).toBeNull();
    expect(forwardedOriginal('Fwd: Laptop', 'Just some text, no forwarded part.')).toBeNull();
    expect(forwardedOriginal('Fwd: Laptop', '---------- Forwarded message ---------\nFrom: Ann (no address)\n\nHello')).toBeNull();
    // A reply's quoted "Original Message" block is not a forward unless the subject says so.
    expect(forwardedOriginal('Re: VPN', '-----Original Message-----\nFrom: Bob <bob@example.com>\n\nVPN drops.')).toBeNull();
  });

  it('reads a forward sent as an attachment from the attached mail: its sender, subject, words and files', async () => {
    const message = await parseRawMessage(corpusMail('forward-as-attachment-by-staff'));
    const part = attachedForwardPart(message);
    expect(part?.fileName).toBe('Laptop will not start.eml');
    const forward = forwardIn(message, await parseRawMessage(part!.content));
    expect(forward).toMatchObject({
      from: { address: 'olga@example.com', name: 'Olga User' },
      subject: 'Laptop will not start',
      note: 'Olga sits in the Leeds office, can the desk take this one?',
    });
    expect(forward?.body).toContain('<b>black screen</b>');
    // The original's own files; the attached mail itself is the first message, not a file.
    expect(forward?.attachments.map((attachment) => attachment.fileName)).toEqual(['screen.png']);
  });

  it('leaves a mail with several attached mails, or no forward subject, an ordinary mail', async () => {
    expect(attachedForwardPart(await parseRawMessage(forwardAsAttachment('FW: Printer', ['ann@example.com', 'bob@example.com'])))).toBeNull();
    expect(attachedForwardPart(await parseRawMessage(forwardAsAttachment('Printer', ['ann@example.com'])))).toBeNull();
    const single = await parseRawMessage(forwardAsAttachment('FW: Printer', ['ann@example.com']));
    expect(attachedForwardPart(single)).not.toBeNull();
    expect(forwardIn(single, null)).toBeNull();
  });
});
