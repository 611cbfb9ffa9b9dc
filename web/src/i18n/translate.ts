import { en } from './en';
import type { enAdmin } from './en-admin';
import type { enAttachments } from './en-attachments';
import type { enAuth } from './en-auth';
import type { enDesk } from './en-desk';
import type { enMail } from './en-mail';
import type { enMailTemplates } from './en-mail-templates';
import type { enPortal } from './en-portal';
import type { enSla } from './en-sla';
import type { enTickets } from './en-tickets';

/** Every key of every dictionary, so a key that exists nowhere fails the typecheck. */
export type MessageKey =
  | keyof typeof en
  | keyof typeof enAuth
  | keyof typeof enTickets
  | keyof typeof enPortal
  | keyof typeof enDesk
  | keyof typeof enAdmin
  | keyof typeof enAttachments
  | keyof typeof enMail
  | keyof typeof enMailTemplates
  | keyof typeof enSla;
export type TranslateParams = Record<string, string | number>;

/**
 * The one translation layer: every visible string goes through `t`. English is the source; another
 * language is a dictionary of the same keys, and a missing key falls back to English. The English words
 * arrive in parts: the shared ones with the first download, each area's with that area's code.
 */
const english: Partial<Record<MessageKey, string>> = { ...en };
const dictionaries: Record<string, Partial<Record<MessageKey, string>>> = { en: english };
let activeLocale = 'en';

/** Adds a part of the English dictionary; each en-<area>.ts calls it once when its area loads. */
export function addMessages(messages: Partial<Record<MessageKey, string>>): void {
  Object.assign(english, messages);
}

export function setLocale(locale: string | null | undefined): void {
  const base = (locale ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  activeLocale = base in dictionaries ? base : 'en';
  document.documentElement.lang = activeLocale;
}

export function currentLocale(): string {
  return activeLocale;
}

export function t(key: MessageKey, params?: TranslateParams): string {
  const template = dictionaries[activeLocale]?.[key] ?? english[key];
  if (template === undefined) {
    // A screen used a word whose area dictionary it never imported: say so loudly, show the key.
    // eslint-disable-next-line no-console -- a developer mistake that must surface in the browser tests
    console.error(`Missing message "${key}": import its dictionary (i18n/en-*.ts) in the area that shows it.`);
    return key;
  }
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks `<key>.one` or `<key>.other` by count (English plural rules; other locales add their forms). */
export function tCount(key: string, count: number): string {
  const form = new Intl.PluralRules(activeLocale).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as MessageKey, { count });
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(english, key);
}
