import { locale as currentLocale, t } from './i18n.svelte';

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const DAY = 86_400;

/**
 * How long ago a date was, through Intl.RelativeTimeFormat: "now", "5 minutes ago", "yesterday", "last week",
 * "11 months ago", "2 years ago"; "" for an empty or invalid date. Units switch at 60 s, 60 min, 24 h, 7 days,
 * 30 days (months), 365 days (years), so nothing under a year is counted in years.
 */
export function timeAgo(
  value: string | number | Date | null | undefined,
  now: number = Date.now(),
  locale: string | string[] = currentLocale(),
): string {
  const d = toDate(value);
  if (!d) return '';
  const seconds = Math.max(0, Math.floor((now - d.getTime()) / 1000));
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < 60) return rtf.format(0, 'second');
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < DAY) return rtf.format(-Math.floor(seconds / 3600), 'hour');
  const days = Math.floor(seconds / DAY);
  if (days < 7) return rtf.format(-days, 'day');
  if (days < 30) return rtf.format(-Math.floor(days / 7), 'week');
  // A month is 365/12 days on average; below a year the months stop at 11 (360–364 days are "11 months ago").
  if (days < 365) return rtf.format(-Math.min(11, Math.max(1, Math.floor(days / (365 / 12)))), 'month');
  return rtf.format(-Math.floor(days / 365), 'year');
}

/** "Jan 15, 2026" ("15. Jan. 2026" in German: the current language by default); "" for an empty or invalid date. */
export function formatDate(value: string | number | Date | null | undefined, locale: string = currentLocale()): string {
  const d = toDate(value);
  return d ? d.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' }) : '';
}

/** "Thursday, January 15, 2026" in the local time zone and the current language; "" for an empty or invalid date. */
export function formatLongDate(value: string | number | Date | null | undefined, locale: string = currentLocale()): string {
  const d = toDate(value);
  return d
    ? d.toLocaleDateString(locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' })
    : '';
}

/** Full local date and time in the current language, for tooltips. */
export function formatDateTime(value: string | number | Date | null | undefined, locale: string = currentLocale()): string {
  const d = toDate(value);
  return d ? d.toLocaleString(locale) : '';
}

/** The local calendar day of a date as "YYYY-MM-DD"; "" for an empty or invalid date. */
export function localDayKey(value: string | number | Date | null | undefined): string {
  const d = toDate(value);
  if (!d) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The href if it is safe to link to, else undefined: app-relative paths ("/x", not "//x"), "#x", "?x", and
 * http:, https:, mailto:, tel: URLs.
 */
export function sanitizeHref(href: string | null | undefined): string | undefined {
  if (typeof href !== 'string') return undefined;
  const h = href.trim();
  if (h === '') return undefined;
  if (h.startsWith('//') || h.startsWith('/\\')) return undefined;
  if (h.startsWith('/') || h.startsWith('#') || h.startsWith('?')) return h;
  // Control characters and whitespace inside a scheme can hide "javascript:" from naive checks.
  if (/[\u0000-\u001f\u007f\s]/.test(h)) return undefined;
  if (/^(https?:\/\/|mailto:|tel:)/i.test(h)) return h;
  return undefined;
}

/** Latin letters that do not decompose into a base letter and accents (as the server's Slugs). */
const LATIN_SPECIAL: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ŋ: 'n', ĸ: 'k', ſ: 's', ƒ: 'f',
};
const MARK = /^\p{M}$/u;
const LATIN = /^\p{Script=Latin}$/u;
const LETTER = /^\p{L}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

/** The slug form of one character: lower-cased, Latin accents removed; '' for a separator. */
function foldSlugChar(ch: string): string {
  if (ch.charCodeAt(0) < 0x80) {
    const c = ch.toLowerCase();
    return /^[a-z0-9]$/.test(c) ? c : '';
  }
  if (!LETTER_OR_DIGIT.test(ch)) return '';
  const lower = ch.toLowerCase();
  if (!LATIN.test(ch)) return lower;
  const special = LATIN_SPECIAL[lower];
  if (special) return special;
  return [...lower.normalize('NFD')].filter((c) => !MARK.test(c)).join('');
}

/**
 * Same rule as the server's Slugs.slugify: Latin accents removed ("Café" → cafe), letters of other scripts kept,
 * runs of anything else become one hyphen, none at the ends; at most `max` code points.
 */
export function slugify(name: string, max = 80): string {
  const out: string[] = [];
  let pendingHyphen = false;
  let afterKept = false;
  for (const ch of name.trim().normalize('NFKC')) {
    if (out.length >= max) break;
    if (MARK.test(ch)) {
      if (afterKept && !pendingHyphen) out.push(ch);
      continue;
    }
    const piece = foldSlugChar(ch);
    afterKept = false;
    if (!piece) {
      pendingHyphen = true;
      continue;
    }
    if (pendingHyphen && out.length > 0) out.push('-');
    pendingHyphen = false;
    for (const c of piece) if (out.length < max) out.push(c);
    afterKept = LETTER.test(ch) && !LATIN.test(ch);
  }
  return out.join('').replace(/-+$/, '').normalize('NFKC');
}

/** Same rule as the server's Slugs.isValid: lower-case letters of any script, digits, inner hyphens. */
export function isValidSlug(slug: string, max = 80): boolean {
  const chars = [...slug];
  if (chars.length === 0 || chars.length > max) return false;
  if (slug.startsWith('-') || slug.endsWith('-') || MARK.test(chars[0]) || slug !== slug.normalize('NFKC')) return false;
  return chars.every(
    (c) =>
      c === '-' ||
      MARK.test(c) ||
      /^\p{Nd}$/u.test(c) ||
      (LETTER.test(c) && c.toLowerCase() === c && !/^\p{Lt}$/u.test(c)),
  );
}

/** "512 B", "1.5 KB", "3.2 MB" (decimal mark of the current language: "1,5 KB" in German). */
export function formatBytes(size: number, locale: string = currentLocale()): string {
  if (!Number.isFinite(size) || size < 0) return '';
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (size < 1024) return `${new Intl.NumberFormat(locale).format(size)} B`;
  if (size < 1024 * 1024) return `${one.format(size / 1024)} KB`;
  return `${one.format(size / (1024 * 1024))} MB`;
}

/** Length in Unicode code points, the unit of the server's limits. */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function pluralize(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

/**
 * A user's name to show. Without one (people signed in by an email link start without a name), the local part of
 * the email when the record carries it (only the user's own record and the admin's user list do), else "Member":
 * never someone else's address.
 */
export function displayName(user: { name?: string | null; email?: string | null } | null | undefined): string {
  const name = user?.name?.trim();
  if (name) return name;
  const local = user?.email?.trim().split('@')[0];
  return local ? local : t('user.member');
}

export function initial(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toUpperCase() : '?';
}
