import { en, type MessageKey } from './en';

export type { MessageKey } from './en';
export type TranslateParams = Record<string, string | number>;

/**
 * The one translation layer: every visible string goes through `t`. English is the source; another
 * language is a dictionary of the same keys, and a missing key falls back to English.
 */
const dictionaries: Record<string, Partial<Record<MessageKey, string>>> = { en };
let activeLocale = 'en';

export function setLocale(locale: string | null | undefined): void {
  const base = (locale ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  activeLocale = base in dictionaries ? base : 'en';
  document.documentElement.lang = activeLocale;
}

export function currentLocale(): string {
  return activeLocale;
}

export function t(key: MessageKey, params?: TranslateParams): string {
  const template = dictionaries[activeLocale]?.[key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks `<key>.one` or `<key>.other` by count (English plural rules; other locales add their forms). */
export function tCount(key: string, count: number): string {
  const form = new Intl.PluralRules(activeLocale).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as MessageKey, { count });
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
