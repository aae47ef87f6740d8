import { describe, expect, it } from 'vitest';
import { codePoints, displayName, formatBytes, formatDate, isValidSlug, localDayKey, sanitizeHref, slugify, timeAgo } from '../src/lib/utils';

const NOW = Date.parse('2026-06-27T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

describe('timeAgo', () => {
  const S = 1000;
  const DAY = 24 * 60 * MIN;
  it.each([
    [0, 'now'],
    [59 * S, 'now'],
    [60 * S, '1 minute ago'],
    [59 * MIN + 59 * S, '59 minutes ago'],
    [60 * MIN, '1 hour ago'],
    [23 * 60 * MIN + 59 * MIN, '23 hours ago'],
    [DAY, 'yesterday'],
    [2 * DAY, '2 days ago'],
    [6 * DAY, '6 days ago'],
    [7 * DAY, 'last week'],
    [29 * DAY, '4 weeks ago'],
    [30 * DAY, 'last month'],
    [65 * DAY, '2 months ago'],
    [359 * DAY, '11 months ago'],
    [360 * DAY, '11 months ago'],
    [364 * DAY, '11 months ago'],
    [365 * DAY, 'last year'],
    [729 * DAY, 'last year'],
    [730 * DAY, '2 years ago'],
    [800 * DAY, '2 years ago'],
  ])('%d ms ago is "%s"', (ms, text) => expect(timeAgo(ago(ms), NOW)).toBe(text));
  it('never says 0 years: 360 to 364 days are months', () => {
    for (let d = 360; d <= 364; d++) expect(timeAgo(ago(d * DAY), NOW)).not.toMatch(/year|0/);
  });
  it('treats a date in the future as now', () => expect(timeAgo(ago(-5 * MIN), NOW)).toBe('now'));
  it('speaks the given language', () => expect(timeAgo(ago(3 * DAY), NOW, 'de')).toBe('vor 3 Tagen'));
  it('is empty for an empty value', () => expect(timeAgo('', NOW)).toBe(''));
  it('is empty for an invalid value', () => expect(timeAgo('not a date', NOW)).toBe(''));
});

describe('formatDate', () => {
  it('formats in the current language (English by default)', () => {
    const s = formatDate('2026-01-15T12:00:00Z');
    expect(s).toContain('2026');
    expect(s).toContain('Jan');
  });
  it('formats in a given language', () => {
    expect(formatDate('2026-01-15T12:00:00Z', 'de')).toBe('15. Jan. 2026');
    expect(formatDate('2026-01-15T12:00:00Z', 'fr')).toBe('15 janv. 2026');
  });
  it('is empty for empty or invalid input', () => {
    expect(formatDate('')).toBe('');
    expect(formatDate(null)).toBe('');
    expect(formatDate('garbage')).toBe('');
  });
});

describe('localDayKey', () => {
  it('uses the local calendar day', () => {
    const d = new Date(2026, 0, 15, 23, 30);
    expect(localDayKey(d)).toBe('2026-01-15');
    expect(localDayKey('x')).toBe('');
  });
});

describe('sanitizeHref', () => {
  it('rejects nothing, empty and blank', () => {
    expect(sanitizeHref(null)).toBeUndefined();
    expect(sanitizeHref(undefined)).toBeUndefined();
    expect(sanitizeHref('')).toBeUndefined();
    expect(sanitizeHref('   ')).toBeUndefined();
  });
  it('passes app-relative paths, fragments and queries', () => {
    for (const h of ['/', '/board/my-app', '#section', '?q=1']) expect(sanitizeHref(h)).toBe(h);
  });
  it('passes http, https, mailto and tel', () => {
    for (const h of ['http://example.com', 'https://example.com/x?y=1', 'mailto:a@b.c', 'tel:+123'])
      expect(sanitizeHref(h)).toBe(h);
  });
  it('rejects protocol-relative URLs', () => expect(sanitizeHref('//evil.com')).toBeUndefined());
  it('rejects javascript: in any case', () => {
    expect(sanitizeHref('javascript:alert(1)')).toBeUndefined();
    expect(sanitizeHref('JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(sanitizeHref(' javascript:alert(1)')).toBeUndefined();
    expect(sanitizeHref('java\tscript:alert(1)')).toBeUndefined();
  });
  it('rejects data:, vbscript: and plain text', () => {
    expect(sanitizeHref('data:text/html,<script>alert(1)</script>')).toBeUndefined();
    expect(sanitizeHref('vbscript:msgbox(1)')).toBeUndefined();
    expect(sanitizeHref('hello world')).toBeUndefined();
  });
});

describe('slugify', () => {
  it('follows the server rule', () => {
    expect(slugify('My App! @#$')).toBe('my-app');
    expect(slugify('C++ Project')).toBe('c-project');
    expect(slugify('Café Résumé')).toBe('cafe-resume');
    expect(slugify('Straße Ærø Łódź')).toBe('strasse-aero-lodz');
    expect(slugify('Þórr Œuvre İstanbul Ñandú')).toBe('thorr-oeuvre-istanbul-nandu');
    expect(slugify('日本語ボード')).toBe('日本語ボード');
    expect(slugify('Доска Идей!')).toBe('доска-идей');
    expect(slugify('हिन्दी बोर्ड')).toBe('हिन्दी-बोर्ड');
    expect(slugify('---test---')).toBe('test');
    expect(slugify('!!!')).toBe('');
  });
  it('cuts to the maximum length without a trailing hyphen', () => {
    expect(slugify('a'.repeat(79) + ' b', 80)).toBe('a'.repeat(79));
    expect([...slugify('語'.repeat(100), 80)].length).toBe(80);
  });
  it('validates like the server', () => {
    for (const ok of ['my-app', 'a--b', '日本語ボード', 'доска-идей', 'café', 'हिन्दी-बोर्ड']) expect(isValidSlug(ok)).toBe(true);
    for (const bad of ['', '-a', 'a-', 'MyApp', 'Доска', 'cafe\u0301', 'a/b', 'a.b', '🚀', 'a'.repeat(81)])
      expect(isValidSlug(bad)).toBe(false);
  });
});

describe('formatBytes and codePoints', () => {
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10.0 MB');
    expect(formatBytes(1536, 'de')).toBe('1,5 KB');
  });
  it('counts code points, not UTF-16 units', () => {
    expect(codePoints('😀a')).toBe(2);
  });
});

describe('displayName', () => {
  it('prefers the name, then the local part of an email the record carries, then Member', () => {
    expect(displayName({ name: ' Ada ', email: 'ada@example.com' })).toBe('Ada');
    expect(displayName({ name: '', email: 'admin@example.com' })).toBe('admin');
    expect(displayName({ name: null, email: 'new.person@example.com' })).toBe('new.person');
    expect(displayName({ name: null })).toBe('Member');
    expect(displayName(null)).toBe('Member');
  });
});
