import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import UserAdmin from '../src/components/UserAdmin.svelte';
import { session } from '../src/lib/session.svelte';
import type { User } from '../src/lib/types';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
const person = (i: number, name: string): User => ({
  id: `u${i}`, email: `${name.toLowerCase()}.${i}@example.com`, name, avatar_url: null, role: 'member',
  created_at: '2026-01-01T00:00:00Z', last_login: null, blocked: false,
});
const everyone = [...Array.from({ length: 60 }, (_, i) => person(i, i % 2 ? 'Ann' : 'Bob')), person(99, 'Adalbert')];

let component: Record<string, unknown> | undefined;
const asked: URL[] = [];
/** Answers like the server: q filters name or email ignoring case, pages of per_page. Held answers wait. */
const held = new Map<string, () => void>();
function serve(hold: string[] = []) {
  vi.stubGlobal('fetch', async (url: string) => {
    const u = new URL(url, 'http://localhost');
    asked.push(u);
    const q = (u.searchParams.get('q') ?? '').toLowerCase();
    if (hold.includes(q)) await new Promise<void>((go) => held.set(q, go));
    const page = Number(u.searchParams.get('page') ?? 1);
    const per = Number(u.searchParams.get('per_page') ?? 20);
    const found = everyone.filter((p) => p.name!.toLowerCase().includes(q) || p.email!.includes(q));
    return json({ data: found.slice((page - 1) * per, page * per), pagination: { page, per_page: per, total: found.length, total_pages: Math.ceil(found.length / per) } });
  });
}
afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  asked.length = 0;
  held.clear();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

function open(): HTMLElement {
  session.user = { id: 'admin', email: 'root@example.com', name: 'Root', avatar_url: null, role: 'admin' };
  const target = document.createElement('div');
  document.body.append(target);
  component = mount(UserAdmin, { target, props: {} });
  return target;
}
const rows = (root: HTMLElement) => root.querySelectorAll('[data-testid=admin-user]');
const text = (root: HTMLElement, testid: string) => root.querySelector(`[data-testid=${testid}]`)?.textContent?.replace(/\s+/g, ' ').trim();
function search(root: HTMLElement, q: string) {
  const input = root.querySelector<HTMLInputElement>('[data-testid=admin-user-search]')!;
  input.value = q;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

describe('the admin users list', () => {
  it('pages 50 at a time and shows more on demand', async () => {
    serve();
    const root = open();
    await vi.waitFor(() => expect(rows(root)).toHaveLength(50));
    expect(text(root, 'admin-users-count')).toBe('Showing 50 of 61.');
    root.querySelector<HTMLButtonElement>('[data-testid=admin-users-more]')!.click();
    await vi.waitFor(() => expect(rows(root)).toHaveLength(61));
    expect(asked.map((u) => u.searchParams.get('page'))).toEqual(['1', '2']);
    expect(root.querySelector('[data-testid=admin-users-more]')).toBeNull();
  });

  it('searches names and emails on the server, then lists everyone again when cleared', async () => {
    serve();
    const root = open();
    await vi.waitFor(() => expect(rows(root)).toHaveLength(50));
    search(root, '  ANN ');
    await vi.waitFor(() => expect(text(root, 'admin-users-count')).toBe('30 of 30 matching “ANN”.'));
    expect(asked.at(-1)!.searchParams.get('q')).toBe('ANN');
    expect(asked.at(-1)!.searchParams.get('page')).toBe('1');
    expect([...rows(root)].every((r) => r.textContent!.includes('Ann'))).toBe(true);

    search(root, 'nobody');
    await vi.waitFor(() => expect(text(root, 'admin-users-count')).toBe('No user matches “nobody”.'));
    expect(rows(root)).toHaveLength(0);

    search(root, '');
    await vi.waitFor(() => expect(rows(root)).toHaveLength(50));
    expect(asked.at(-1)!.searchParams.has('q')).toBe(false);
  });

  it('a late answer to an older search does not replace the newer one', async () => {
    serve(['a']);
    const root = open();
    await vi.waitFor(() => expect(rows(root)).toHaveLength(50));
    search(root, 'a');
    await vi.waitFor(() => expect(held.has('a')).toBe(true));
    search(root, 'adal');
    await vi.waitFor(() => expect(text(root, 'admin-users-count')).toBe('1 of 1 matching “adal”.'));
    held.get('a')!();
    // Nothing to await when the stale answer is ignored: let its response be read and dropped.
    await new Promise((r) => setTimeout(r, 50));
    flushSync();
    expect(rows(root)).toHaveLength(1);
    expect(text(root, 'admin-users-count')).toBe('1 of 1 matching “adal”.');
  });

  it('labels every cell, so a narrow screen can show each user as a card', async () => {
    serve();
    const root = open();
    await vi.waitFor(() => expect(rows(root)).toHaveLength(50));
    const labels = [...rows(root)[0].querySelectorAll('td')].map((td) => td.dataset.label);
    expect(labels).toEqual(['Name', 'Email', 'Role', 'Last sign-in', 'Posting']);
    expect(rows(root)[0].querySelector('td.email')!.textContent).toBe('bob.0@example.com');
  });
});
