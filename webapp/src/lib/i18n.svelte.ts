/**
 * The web app's one message catalogue: every string a person reads goes through {@link t}. English is bundled and is
 * the fallback for any key a language lacks; other languages are loaded before the first render (main.ts) or when
 * the switcher picks one. To add a language: copy messages/en/ to messages/<code>/, translate the values, and add one
 * line to LOCALES below (set `rtl: true` for a right-to-left script). docs/using-the-board.md, "Languages".
 */
import en from './messages/en';
import type { Catalogue, Message } from './messages/types';

export interface LocaleInfo {
  code: string;
  /** The language's own name, as the switcher shows it. */
  name: string;
  rtl?: boolean;
  load: () => Promise<Catalogue>;
}

const locales: LocaleInfo[] = [
  { code: 'en', name: 'English', load: async () => en },
  { code: 'de', name: 'Deutsch', load: async () => (await import('./messages/de')).default },
  { code: 'fr', name: 'Français', load: async () => (await import('./messages/fr')).default },
];

/** The languages the switcher offers, in its order. */
export const LOCALES: readonly LocaleInfo[] = locales;

/**
 * Offers one more language at run time (a host page or a test; the bundled ones are the lines above). A code
 * already offered is replaced. Returns a function that withdraws it again.
 */
export function addLocale(info: LocaleInfo): () => void {
  const i = locales.findIndex((l) => l.code === info.code);
  if (i >= 0) locales[i] = info;
  else locales.push(info);
  return () => {
    const at = locales.indexOf(info);
    if (at >= 0) locales.splice(at, 1);
  };
}

/** Whether the current language is written right to left. */
export function isRtl(): boolean {
  return !!locales.find((l) => l.code === state.locale)?.rtl;
}

export const LOCALE_KEY = 'rungu-locale';

const state = $state<{ locale: string; catalogue: Catalogue }>({ locale: 'en', catalogue: en });

/** The current locale code (reactive: templates that read it re-render on a switch). */
export function locale(): string {
  return state.locale;
}

/** The first supported language among `wanted` (e.g. navigator.languages), by exact code then by base language. */
export function pickLocale(wanted: readonly string[], supported: readonly LocaleInfo[] = LOCALES): string {
  for (const w of wanted) {
    const exact = supported.find((l) => l.code.toLowerCase() === w.toLowerCase());
    if (exact) return exact.code;
    const base = w.split('-')[0].toLowerCase();
    const byBase = supported.find((l) => l.code.split('-')[0].toLowerCase() === base);
    if (byBase) return byBase.code;
  }
  return 'en';
}

/** The stored choice, else the browser's languages. */
export function initialLocale(): string {
  try {
    const stored = localStorage.getItem(LOCALE_KEY);
    if (stored && LOCALES.some((l) => l.code === stored)) return stored;
  } catch {
    /* storage blocked: follow the browser */
  }
  const langs = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  return pickLocale(langs.filter(Boolean));
}

/** Switches the language: loads its catalogue, sets `<html lang dir>`, and remembers the choice when `remember`. */
export async function setLocale(code: string, remember = false): Promise<void> {
  const info = LOCALES.find((l) => l.code === code) ?? LOCALES[0];
  const catalogue = await info.load();
  state.catalogue = catalogue;
  state.locale = info.code;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = info.code;
    document.documentElement.dir = info.rtl ? 'rtl' : 'ltr';
  }
  if (remember) {
    try {
      localStorage.setItem(LOCALE_KEY, info.code);
    } catch {
      /* not remembered; still switched */
    }
  }
}

function pick(message: Message, count: number | undefined): string {
  if (typeof message === 'string') return message;
  const category = new Intl.PluralRules(state.locale).select(count ?? 0);
  return message[category] ?? message.other;
}

/**
 * The message `key` in the current language (English when the language lacks it, the key itself when English does
 * too), with `{name}` placeholders replaced from `params`. A plural message (an object of Intl.PluralRules
 * categories) is chosen by `params.count`. Numbers are formatted for the locale ("1,234" / "1.234").
 */
export function t(key: string, params?: Record<string, string | number>): string {
  const message = state.catalogue[key] ?? en[key];
  if (message === undefined) return key;
  const count = typeof params?.count === 'number' ? params.count : undefined;
  const text = pick(message, count);
  if (!params) return text;
  const numbers = new Intl.NumberFormat(state.locale);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

/**
 * A record whose values are the messages `keyOf(name)` in the current language, read at each access (so a
 * `LABELS[x]` in a template follows a language switch).
 */
export function translatedRecord<K extends string>(names: readonly K[], keyOf: (name: K) => string): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const name of names) {
    Object.defineProperty(out, name, { enumerable: true, get: () => t(keyOf(name)) });
  }
  return out;
}

/** Whether the current catalogue (or English) has `key`: for names that are translated only while still default. */
export function hasMessage(key: string): boolean {
  return key in state.catalogue || key in en;
}
