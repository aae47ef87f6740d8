import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flushSync, mount, tick, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CommentForm from '../src/components/CommentForm.svelte';
import Comments from '../src/components/Comments.svelte';
import PostForm from '../src/components/PostForm.svelte';
import VoteButton from '../src/components/VoteButton.svelte';
import { setLocale } from '../src/lib/i18n.svelte';
import de from '../src/lib/messages/de/components';
import en from '../src/lib/messages/en/components';
import fr from '../src/lib/messages/fr/components';
import type { Catalogue, Message } from '../src/lib/messages/types';
import { session } from '../src/lib/session.svelte';

const mounted: Record<string, unknown>[] = [];

afterEach(async () => {
  mounted.splice(0).forEach((c) => unmount(c));
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
  localStorage.clear();
  session.user = null;
  session.loading = true;
  await setLocale('en'); // the test files share one module graph
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function render(component: any, props: Record<string, unknown>): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  mounted.push(mount(component, { target, props }));
  flushSync();
  return target;
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((t) => [...(t ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
}

describe.each([
  ['de', de],
  ['fr', fr],
])('the %s components catalogue', (_code, catalogue: Catalogue) => {
  it('has exactly the English keys', () => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps every placeholder, and plural forms where English has them', () => {
    for (const [key, message] of Object.entries(en)) {
      const translated = catalogue[key];
      expect(placeholders(translated), key).toEqual(placeholders(message));
      expect(typeof translated, key).toBe(typeof message);
      if (typeof translated === 'object') expect(translated.one, key).toBeTruthy();
    }
  });

  it('translates every message (the few words both languages use are listed)', () => {
    const same = new Set(['Tag', 'Tags', 'Roadmap', 'Board', 'Status', 'App', 'Token', 'Name', 'Admin', '(optional)', 'Actions',
      'Images ({count})', 'Images', 'Image', 'Description', 'Boards ({count})']);
    const untranslated = Object.keys(en).filter((k) => catalogue[k] === en[k] && typeof en[k] === 'string' && !same.has(en[k] as string));
    expect(untranslated).toEqual([]);
  });
});

describe('components in German', () => {
  it('count votes with the right plural and name the vote button around its visible count', async () => {
    await setLocale('de');
    for (const [count, name] of [
      [1, 'Abstimmen, 1 Stimme'],
      [2, 'Abstimmen, 2 Stimmen'],
      [1234, 'Abstimmen, 1.234 Stimmen'],
    ] as const) {
      const el = render(VoteButton, { postId: `p${count}`, count, voted: false, onchange: () => {} });
      const button = el.querySelector('[data-testid=vote-button]')!;
      expect(text(button)).toBe(name);
      expect(name).toContain(text(el.querySelector('[data-testid=vote-count]')));
      expect(button.getAttribute('title')).toBe('Dafür stimmen');
    }
  });

  it('show the comment form in German, with its errors', async () => {
    await setLocale('de');
    const el = render(CommentForm, { postId: 'p', onposted: () => {} });
    const input = el.querySelector<HTMLTextAreaElement>('[data-testid=comment-input]')!;
    expect(input.placeholder).toBe('Teile deine Gedanken…');
    expect(text(el.querySelector(`label[for="${input.id}"]`))).toBe('Dein Kommentar');
    expect(text(el.querySelector('.field-hint'))).toBe('Markdown wird unterstützt. Strg+Enter zum Senden.');
    const submit = el.querySelector<HTMLButtonElement>('[data-testid=comment-submit]')!;
    expect(text(submit)).toBe('Kommentieren');
    submit.click();
    flushSync();
    expect(text(el.querySelector('[data-testid=comment-error]'))).toBe('Schreib zuerst etwas.');
  });

  it('show the new-post form in German', async () => {
    await setLocale('de');
    const el = render(PostForm, { slug: 'ideas', oncreated: () => {}, oncancel: () => {} });
    expect(text(el.querySelector('#new-post-heading'))).toBe('Neuer Beitrag');
    expect(text(el.querySelector('label[for=new-post-title]'))).toBe('Titel');
    expect(el.querySelector<HTMLInputElement>('[data-testid=new-post-title]')!.placeholder).toBe('Was möchtest du uns mitteilen?');
    expect(text(el.querySelector('legend'))).toBe('Kategorie');
    expect(text(el.querySelector('[data-testid=new-post-cancel]'))).toBe('Abbrechen');
    const submit = el.querySelector<HTMLButtonElement>('[data-testid=new-post-submit]')!;
    expect(text(submit)).toBe('Absenden');
    submit.click();
    flushSync();
    expect(text(el.querySelector('#new-post-title-error'))).toBe('Ein Titel ist erforderlich.');
  });

  it('show the empty comments state in German, and switch back to English', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ data: [], pagination: { page: 1, per_page: 100, total: 0, total_pages: 1 } }), {
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    session.loading = false;
    await setLocale('de');
    const el = render(Comments, { postId: 'p', oncount: () => {} });
    await vi.waitFor(() => expect(el.querySelector('[data-testid=no-comments]')).not.toBeNull());
    expect(text(el.querySelector('[data-testid=no-comments]'))).toBe('Noch keine Kommentare. Schreib den ersten!');
    expect(text(el.querySelector('#comments-heading'))).toBe('Kommentare (0)');
    expect(text(el.querySelector('.signin'))).toBe('Melde dich an, um mitzudiskutieren.');

    await setLocale('en');
    await tick();
    expect(text(el.querySelector('[data-testid=no-comments]'))).toBe('No comments yet. Be the first to share your thoughts!');
    expect(text(el.querySelector('.signin'))).toBe('Sign in to join the discussion.');
  });
});

describe('components in French', () => {
  it('count zero and one in the singular', async () => {
    await setLocale('fr');
    expect(text(render(VoteButton, { postId: 'a', count: 0, voted: false, onchange: () => {} }).querySelector('button'))).toBe('Voter, 0 vote');
    expect(text(render(VoteButton, { postId: 'b', count: 3, voted: false, onchange: () => {} }).querySelector('button'))).toBe('Voter, 3 votes');
  });
});

describe('component styles', () => {
  it('use logical properties, so a right-to-left language mirrors the layout', () => {
    const dir = resolve(process.cwd(), 'src/components');
    const physical = /(margin|padding|border)-(left|right)\b|text-align:\s*(left|right)|float:\s*(left|right)|(^|[\s;{])(left|right)\s*:/m;
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.svelte'))
      .filter((f) => physical.test(readFileSync(resolve(dir, f), 'utf8').split('<style>')[1] ?? ''));
    expect(offenders).toEqual([]);
  });
});
