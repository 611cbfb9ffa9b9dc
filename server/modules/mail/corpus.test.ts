import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRawMessage } from './parse-message.js';
import { resolveThread, threadCandidates } from './threading.js';

/**
 * Every `.eml` in test-corpus/ is parsed and compared with the `.json` beside it. Plain keys must
 * equal the parsed field; `*Includes` / `*Excludes` list substrings; `attachments` entries are
 * partial matches; `thread` is the routing decision against the known ids below.
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

describe('the mail corpus', () => {
  it('holds at least 40 messages, each with its expected result', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const name of cases) expect(fs.existsSync(path.join(corpusDir, `${name}.json`)), name).toBe(true);
  });

  it.each(cases)('%s parses as expected', async (name) => {
    const raw = fs.readFileSync(path.join(corpusDir, `${name}.eml`));
    const expected = JSON.parse(fs.readFileSync(path.join(corpusDir, `${name}.json`), 'utf8')) as Expected;
    const message = await parseRawMessage(raw);
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
      } else {
        expect(fields[key], key).toEqual(value);
      }
    }
  });
});
