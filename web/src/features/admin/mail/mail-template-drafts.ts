import { useCallback, useEffect, useState } from 'react';
import type { MailTemplateKey } from '../../../../../shared/schemas/mail';
import type { TemplateDraft } from './mail-template-rendering';

type Drafts = Partial<Record<MailTemplateKey, TemplateDraft>>;

// Unsaved edits live in this tab's session storage: switching template, leaving the page or reloading it keeps
// them, and the list marks each template that has one, so a change is never dropped without the admin knowing.
const storageKey = 'linchpin.admin.mailTemplateDrafts';

function readStored(): Drafts {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(storageKey) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Drafts) : {};
  } catch {
    return {};
  }
}

function writeStored(drafts: Drafts): void {
  try {
    if (Object.keys(drafts).length === 0) sessionStorage.removeItem(storageKey);
    else sessionStorage.setItem(storageKey, JSON.stringify(drafts));
  } catch {
    // Storage full or refused (private mode): the drafts still last as long as the page.
  }
}

export const sameDraft = (a: TemplateDraft, b: TemplateDraft): boolean =>
  a.subject === b.subject && a.bodyText === b.bodyText && a.bodyHtml === b.bodyHtml;

/** The unsaved edit of each template, kept across template switches and reloads of this tab. */
export function useMailTemplateDrafts() {
  const [drafts, setDrafts] = useState<Drafts>(readStored);
  useEffect(() => writeStored(drafts), [drafts]);

  /** Records an edit; an edit that matches the saved version is no draft at all. */
  const keep = useCallback((key: MailTemplateKey, draft: TemplateDraft, saved: TemplateDraft) => {
    setDrafts((before) => {
      const { [key]: _dropped, ...others } = before;
      return sameDraft(draft, saved) ? others : { ...others, [key]: draft };
    });
  }, []);

  const discard = useCallback((key: MailTemplateKey) => {
    setDrafts((before) => {
      const { [key]: _dropped, ...others } = before;
      return others;
    });
  }, []);

  /** After a save: the draft goes if it is what was saved, and stays if the admin typed on meanwhile. */
  const settle = useCallback((key: MailTemplateKey, saved: TemplateDraft) => {
    setDrafts((before) => {
      const { [key]: draft, ...others } = before;
      return draft && !sameDraft(draft, saved) ? before : others;
    });
  }, []);

  return { drafts, keep, discard, settle };
}
