import { afterEach, describe, expect, it } from 'vitest';
import { LOCALES, locale, pickLocale, setLocale, t } from '../src/lib/i18n.svelte';

describe('i18n', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  it('picks the first supported language, by exact code then by base language', () => {
    expect(pickLocale(['de-AT', 'en'])).toBe('de');
    expect(pickLocale(['es', 'fr-CA'])).toBe('fr');
    expect(pickLocale(['ja'])).toBe('en');
  });

  it('chooses plural forms by count and formats numbers for the locale', async () => {
    expect(t('vote.count', { count: 1 })).toBe('1 vote');
    expect(t('vote.count', { count: 1234 })).toBe('1,234 votes');
    await setLocale('de');
    expect(locale()).toBe('de');
    expect(t('vote.count', { count: 1234 })).toBe('1.234 Stimmen');
    expect(document.documentElement.lang).toBe('de');
  });

  it('falls back to English, then to the key', async () => {
    await setLocale('fr');
    expect(t('no.such.key')).toBe('no.such.key');
    expect(LOCALES.map((l) => l.code)).toEqual(['en', 'de', 'fr']);
  });
});
