import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Roadmap from '../src/pages/Roadmap.svelte';
import { router } from '../src/lib/router.svelte';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
}

const project = { id: 'pr', slug: 'ideas', name: 'Product ideas', description: '' };
const post = (id: string, status: string, votes: number, doneAt: string | null = null) => ({
  id, project_id: 'pr', title: `Post ${id}`, description: 'A long description that a phone does not need on the roadmap.',
  status, category: 'feature', vote_count: votes, comment_count: 2, created_by: 'u1', created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z', done_at: doneAt, creator: { id: 'u1', name: 'Ann', avatar_url: null },
  user_voted: false, tags: [],
});
const status = (slug: string, name: string) => ({ id: slug, slug, name, color: '#888', kind: 'active', position: 1, post_count: 1 });
// The roadmap's done bucket is most-voted first; the changelog is latest shipped first.
const older = post('old', 'complete', 9, '2026-02-01T00:00:00Z');
const newer = post('new', 'complete', 1, '2026-03-01T00:00:00Z');
const roadmap = {
  planned: [post('a', 'planned', 3)], planned_total: 1, in_progress: [post('b', 'in_progress', 2)], in_progress_total: 1,
  done: [older, newer], done_total: 2, limit: 10,
  columns: [
    { status: status('planned', 'Planned'), posts: [post('a', 'planned', 3)], total: 1 },
    { status: status('in_progress', 'In progress'), posts: [post('b', 'in_progress', 2)], total: 1 },
  ],
};

let requested: string[] = [];
let component: Record<string, unknown> | undefined;

beforeEach(() => {
  requested = [];
  history.replaceState(null, '', '/board/ideas/roadmap');
  router.sync();
  vi.stubGlobal('fetch', async (url: string) => {
    const u = new URL(url, 'http://x');
    requested.push(u.pathname + u.search);
    if (u.pathname === '/api/projects/ideas') return json({ data: project });
    if (u.pathname === '/api/projects/ideas/roadmap') return json({ data: roadmap });
    if (u.pathname === '/api/projects/ideas/changelog') {
      return json({ data: [newer, older], pagination: { page: 1, per_page: 10, total: 2, total_pages: 1 } });
    }
    return json({ data: [] });
  });
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function open(): Promise<HTMLElement> {
  const target = document.createElement('div');
  document.body.append(target);
  component = mount(Roadmap, { target, props: { slug: 'ideas' } });
  flushSync();
  await vi.waitFor(() => expect(target.querySelector('[data-testid=roadmap]')).not.toBeNull());
  return target;
}

const titles = (root: HTMLElement, column: string) =>
  [...root.querySelectorAll(`[data-testid=roadmap-column-${column}] [data-testid=post-link]`)].map((a) => a.textContent);

describe('the roadmap', () => {
  it('orders the done column by ship date, latest first, whatever the votes', async () => {
    const root = await open();
    expect(titles(root, 'done')).toEqual(['Post new', 'Post old']);
    expect(requested).toContain('/api/projects/ideas/changelog?per_page=10');
    expect(root.querySelector('[data-testid=roadmap-column-done] [data-testid=roadmap-total]')?.textContent).toBe('2');
  });

  it('has a tab per column; the first is shown until another is picked (a narrow screen shows only that one)', async () => {
    const root = await open();
    const tabs = [...root.querySelectorAll<HTMLButtonElement>('[data-testid=roadmap-tabs] button')];
    expect(tabs.map((t) => t.getAttribute('aria-controls'))).toEqual(['column-planned', 'column-in_progress', 'column-done']);
    expect(tabs.map((t) => t.getAttribute('aria-pressed'))).toEqual(['true', 'false', 'false']);
    const unpicked = () => [...root.querySelectorAll('.column.unpicked')].map((c) => c.id);
    expect(unpicked()).toEqual(['column-in_progress', 'column-done']);

    tabs[2].click();
    flushSync();
    expect(tabs.map((t) => t.getAttribute('aria-pressed'))).toEqual(['false', 'false', 'true']);
    expect(unpicked()).toEqual(['column-planned', 'column-in_progress']);
  });

  it('shows its cards compact (title, votes and category on a narrow screen)', async () => {
    const root = await open();
    const cards = [...root.querySelectorAll('[data-testid=post-card]')];
    expect(cards).toHaveLength(4);
    expect(cards.every((c) => c.classList.contains('compact'))).toBe(true);
  });
});
