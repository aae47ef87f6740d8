import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Footer from '../src/components/Footer.svelte';
import { categoryLabel, setBoard, statusLabel } from '../src/lib/boardData.svelte';
import { addLocale, initialLocale, isRtl, LOCALE_KEY, LOCALES, locale, setLocale, t } from '../src/lib/i18n.svelte';
import { signInErrorMessage } from '../src/lib/login';
import { describeChange } from '../src/lib/timeline';
import { router } from '../src/lib/router.svelte';
import { refreshTitle, setTitle } from '../src/lib/title';
import { CATEGORY_LABELS, SORT_LABELS, STATUS_LABELS } from '../src/lib/ui';
import { formatLongDate, timeAgo } from '../src/lib/utils';
import Board from '../src/pages/Board.svelte';
import NotFound from '../src/pages/NotFound.svelte';
import type { Status, StatusChange } from '../src/lib/types';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
}

const DEFAULT_STATUSES: Status[] = [
  { id: 's1', slug: 'open', name: 'Open', color: '#888', kind: 'open', position: 0, post_count: 0 },
  { id: 's2', slug: 'in_progress', name: 'In progress', color: '#07f', kind: 'active', position: 1, post_count: 0 },
  { id: 's3', slug: 'done', name: 'Done', color: '#0a0', kind: 'done', position: 2, post_count: 0 },
];

let component: Record<string, unknown> | undefined;

function render(Page: typeof Board | typeof NotFound | typeof Footer, props: Record<string, unknown> = {}): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  component = mount(Page as typeof Board, { target, props: props as { slug: string } });
  flushSync();
  return target;
}

beforeEach(() => localStorage.clear());

afterEach(async () => {
  if (component) unmount(component);
  component = undefined;
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  setBoard({ slug: '', statuses: [], categories: [], tags: [] });
  await setLocale('en');
});

describe('choosing the language', () => {
  it('takes the remembered choice over the browser languages, and ignores an unknown one', () => {
    localStorage.setItem(LOCALE_KEY, 'fr');
    expect(initialLocale()).toBe('fr');
    localStorage.setItem(LOCALE_KEY, 'xx');
    // jsdom's navigator says en-US
    expect(initialLocale()).toBe('en');
  });

  it('the footer switcher changes the language at once and remembers it', async () => {
    const root = render(Footer);
    const select = root.querySelector<HTMLSelectElement>('[data-testid=language-select]')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['English', 'Deutsch', 'Français']);
    select.value = 'de';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(locale()).toBe('de'));
    flushSync();
    expect(localStorage.getItem(LOCALE_KEY)).toBe('de');
    expect(root.textContent).toContain('Sprache');
    expect(document.documentElement.lang).toBe('de');
  });
});

describe('default statuses and categories', () => {
  it('are shown in the current language while they keep their default names', async () => {
    setBoard({ slug: 'ideas', statuses: DEFAULT_STATUSES, categories: [{ id: 'c1', slug: 'bug', name: 'Bug' }] as never, tags: [] });
    await setLocale('de');
    expect(statusLabel('in_progress')).toBe('In Arbeit');
    expect(categoryLabel('bug')).toBe('Fehler');
    // Not known to the board (yet): the catalogue's name.
    expect(statusLabel('declined')).toBe('Abgelehnt');
    expect(STATUS_LABELS.planned).toBe('Geplant');
    expect(CATEGORY_LABELS.feature).toBe('Funktionswunsch');
    expect(SORT_LABELS.trending).toBe('Im Trend');
    await setLocale('fr');
    expect(statusLabel('done')).toBe('Terminé');
  });

  it('keep the name an admin gave them, in every language', async () => {
    const renamed = DEFAULT_STATUSES.map((s) => (s.slug === 'in_progress' ? { ...s, name: 'Being built' } : s));
    setBoard({ slug: 'ideas', statuses: renamed, categories: [{ id: 'c1', slug: 'bug', name: 'Defect' }] as never, tags: [] });
    await setLocale('de');
    expect(statusLabel('in_progress')).toBe('Being built');
    expect(categoryLabel('bug')).toBe('Defect');
    expect(statusLabel('open')).toBe('Offen');
  });

  it('appear translated in the timeline', async () => {
    setBoard({ slug: 'ideas', statuses: DEFAULT_STATUSES, categories: [], tags: [] });
    await setLocale('de');
    expect(describeChange({ from: 'open', to: 'done' } as StatusChange)).toBe('hat den Status von Offen auf Erledigt geändert');
  });
});

describe('German pages', () => {
  it('the board page: search, sort, filters, counts and the tab title', async () => {
    history.replaceState(null, '', '/board/ideen');
    router.sync();
    vi.stubGlobal('fetch', async (url: string) => {
      const path = new URL(url, 'http://x').pathname;
      if (path === '/api/projects/ideen') {
        return json({ data: { id: 'pr', slug: 'ideen', name: 'Produktideen', description: null, statuses: DEFAULT_STATUSES, categories: [], tags: [] } });
      }
      if (path === '/api/projects/ideen/stats') return json({ data: { total_posts: 1, by_status: {}, by_category: {}, total_votes: 0, total_comments: 0 } });
      const post = {
        id: 'p1', project_id: 'pr', title: 'Dunkles Design', description: null, status: 'in_progress', category: 'feature',
        vote_count: 1234, comment_count: 0, created_by: 'u1', created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z', creator: { id: 'u1', name: 'Ann', avatar_url: null }, user_voted: false, tags: [],
      };
      return json({ data: [post], pagination: { page: 1, per_page: 20, total: 1, total_pages: 1 } });
    });
    await setLocale('de');
    const root = render(Board, { slug: 'ideen' });
    await vi.waitFor(() => expect(root.querySelector('[data-testid=post-list]')).not.toBeNull());
    flushSync();
    expect(root.querySelector<HTMLInputElement>('[data-testid=search-input]')!.placeholder).toBe('Beiträge durchsuchen');
    const sorts = [...root.querySelectorAll<HTMLOptionElement>('[data-testid=sort-select] option')].map((o) => o.textContent);
    expect(sorts).toContain('Im Trend');
    expect(sorts).toContain('Meiste Stimmen');
    expect(root.querySelector('[data-testid=post-count]')!.textContent).toBe('1 von 1 angezeigt');
    expect(root.textContent).toContain('In Arbeit');
    expect(root.textContent).not.toContain('In progress');
    expect(document.title).toBe('Produktideen · Rungu');
  });

  it('the not-found page', async () => {
    await setLocale('de');
    const root = render(NotFound);
    expect(root.querySelector('h1')!.textContent).toBe('Seite nicht gefunden');
    expect(document.title).toBe('Nicht gefunden · Rungu');
  });

  it('dates, relative times, plurals and messages follow the language', async () => {
    await setLocale('de');
    expect(formatLongDate('2026-01-15T12:00:00')).toBe('Donnerstag, 15. Januar 2026');
    expect(timeAgo(Date.now() - 3 * 86_400_000)).toBe('vor 3 Tagen');
    expect(t('changelog.votes', { count: 1 })).toBe('1 Stimme');
    expect(t('changelog.votes', { count: 2 })).toBe('2 Stimmen');
    expect(signInErrorMessage('link_expired')).toBe('Dieser Anmeldelink ist abgelaufen oder wurde schon benutzt. Fordere einen neuen an.');
    await setLocale('fr');
    expect(t('home.posts', { count: 1 })).toBe('1 suggestion');
    expect(formatLongDate('2026-01-15T12:00:00')).toBe('jeudi 15 janvier 2026');
  });
});

describe('a right-to-left language added at run time', () => {
  it('sets dir="rtl" and lang, uses its catalogue, and falls back to English', async () => {
    const remove = addLocale({ code: 'ar', name: 'العربية', rtl: true, load: async () => ({ 'language.label': 'اللغة' }) });
    expect(LOCALES.map((l) => l.code)).toContain('ar');
    await setLocale('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(isRtl()).toBe(true);
    expect(t('language.label')).toBe('اللغة');
    expect(t('board.newPost')).toBe('New post');
    setTitle('x');
    expect(document.title).toBe('x · Rungu');
    await setLocale('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(isRtl()).toBe(false);
    remove();
    expect(LOCALES.map((l) => l.code)).toEqual(['en', 'de', 'fr']);
  });
});

describe('the tab title', () => {
  it('follows a language switch', async () => {
    setTitle(() => t('roadmap.title'), 'Produktideen');
    expect(document.title).toBe('Roadmap · Produktideen · Rungu');
    await setLocale('fr');
    refreshTitle();
    expect(document.title).toBe('Feuille de route · Produktideen · Rungu');
  });
});
