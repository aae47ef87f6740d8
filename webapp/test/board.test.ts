import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Board from '../src/pages/Board.svelte';
import { clearLists, saveList } from '../src/lib/listState';
import { router } from '../src/lib/router.svelte';
import { session } from '../src/lib/session.svelte';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
}

const project = { id: 'pr', slug: 'ideas', name: 'Product ideas', description: 'Tell us what to build.' };
const post = (n: number) => ({
  id: `p${n}`, project_id: 'pr', title: `Post ${n}`, description: null, status: 'open', category: 'feature', vote_count: n,
  comment_count: 0, created_by: 'u1', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
  creator: { id: 'u1', name: 'Ann', avatar_url: null }, user_voted: false,
});

let releaseProject: () => void = () => {};
let listRequests = 0;
let component: Record<string, unknown> | undefined;

beforeEach(() => {
  clearLists();
  listRequests = 0;
  history.replaceState(null, '', '/board/ideas');
  router.sync();
  const projectReady = new Promise<void>((r) => (releaseProject = r));
  vi.stubGlobal('fetch', async (url: string) => {
    const path = new URL(url, 'http://x').pathname;
    if (path === '/api/projects/ideas') return projectReady.then(() => json({ data: project }));
    if (path === '/api/projects/ideas/stats') return json({ data: { total_posts: 2, by_status: {}, by_category: {}, total_votes: 0, total_comments: 0 } });
    listRequests++;
    return json({ data: [post(2), post(1)], pagination: { page: 1, per_page: 20, total: 2, total_pages: 1 } });
  });
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  vi.unstubAllGlobals();
  router.restoring = false;
  document.body.innerHTML = '';
});

function open(): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  component = mount(Board, { target, props: { slug: 'ideas' } });
  flushSync();
  return target;
}

describe('the board page while loading', () => {
  it('keeps one placeholder until the header and the first page are both there: the slug never shows as the name', async () => {
    const root = open();
    await vi.waitFor(() => expect(listRequests).toBe(1));
    // A negative check cannot wait for a condition: give the answered list a few turns to (wrongly) render.
    await new Promise((r) => setTimeout(r, 20));
    expect(root.querySelector('[data-testid=board-loading]')).not.toBeNull();
    expect(root.querySelector('[data-testid=project-name]')).toBeNull();
    expect(root.querySelector('[data-testid=post-list]')).toBeNull();

    releaseProject();
    await vi.waitFor(() => expect(root.querySelector('[data-testid=project-name]')?.textContent).toBe('Product ideas'));
    expect(root.querySelector('[data-testid=board-loading]')).toBeNull();
    expect(root.querySelectorAll('[data-testid=post-card]')).toHaveLength(2);
  });
});

describe('an unknown board', () => {
  it('is titled "Board not found", never by its slug', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ error: { code: 'not_found', message: 'Board not found' } }), { status: 404, headers: { 'Content-Type': 'application/json' } }),
    );
    history.replaceState(null, '', '/board/nope');
    router.sync();
    const target = document.createElement('div');
    document.body.append(target);
    component = mount(Board, { target, props: { slug: 'nope' } });
    flushSync();
    expect(document.title).not.toContain('nope');
    await vi.waitFor(() => expect(target.querySelector('[data-testid=board-not-found]')).not.toBeNull());
    expect(document.title).toBe('Board not found · Rungu');
  });
});

describe('the board page reached by Back', () => {
  it('shows the kept posts and header at once, and only refreshes their counts', async () => {
    saveList('/board/ideas', { project, posts: [post(5), { ...post(2), vote_count: 0 }], page: 2, totalPages: 3, total: 50, scrollY: 0 });
    router.restoring = true;
    const root = open();
    const titles = () => [...root.querySelectorAll('[data-testid=post-link]')].map((a) => a.textContent);
    expect(root.querySelector('[data-testid=project-name]')?.textContent).toBe('Product ideas');
    expect(titles()).toEqual(['Post 5', 'Post 2']);
    expect(root.querySelector('[data-testid=post-count]')?.textContent).toBe('Showing 2 of 50');
    // The refresh brings the server's count for a post shown, without reordering or replacing the list.
    const count = () => root.querySelector('[data-post-id=p2] [data-testid=vote-count]')?.textContent;
    expect(count()).toBe('0');
    await vi.waitFor(() => expect(count()).toBe('2'));
    expect(titles()).toEqual(['Post 5', 'Post 2']);
  });

  it('starts from the first page when reached by a plain link', async () => {
    saveList('/board/ideas', { project, posts: [post(7)], page: 1, totalPages: 1, total: 1, scrollY: 0 });
    const root = open();
    releaseProject();
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid=post-card]')).toHaveLength(2));
  });
});

describe('the new-post form on the board', () => {
  afterEach(() => {
    session.user = null;
    localStorage.clear();
  });

  it('Cancel keeps the draft and gives the focus back to the New post button', async () => {
    session.user = { id: 'u1', email: 'ann@example.com', name: 'Ann', avatar_url: null, role: 'member' };
    const root = open();
    releaseProject();
    const toggle = await vi.waitFor(() => {
      const b = root.querySelector<HTMLButtonElement>('[data-testid=new-post-toggle]');
      expect(b?.disabled).toBe(false);
      return b!;
    });
    expect(toggle.classList.contains('btn-primary')).toBe(true);
    toggle.click();
    await vi.waitFor(() => expect(root.querySelector('[data-testid=new-post-form]')).not.toBeNull());
    expect(toggle.classList.contains('btn-primary')).toBe(false);
    const title = root.querySelector<HTMLInputElement>('[data-testid=new-post-title]')!;
    title.value = 'Keep me';
    title.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    root.querySelector<HTMLButtonElement>('[data-testid=new-post-cancel]')!.click();
    await vi.waitFor(() => expect(document.activeElement).toBe(toggle));
    expect(root.querySelector('[data-testid=new-post-form]')).toBeNull();

    toggle.click();
    await vi.waitFor(() => expect(root.querySelector<HTMLInputElement>('[data-testid=new-post-title]')?.value).toBe('Keep me'));

    // Discard (confirmed) closes the form and the draft is gone for good.
    vi.stubGlobal('confirm', () => true);
    root.querySelector<HTMLButtonElement>('[data-testid=new-post-discard]')!.click();
    await vi.waitFor(() => expect(root.querySelector('[data-testid=new-post-form]')).toBeNull());
    toggle.click();
    await vi.waitFor(() => expect(root.querySelector<HTMLInputElement>('[data-testid=new-post-title]')?.value).toBe(''));
    expect(localStorage.getItem('rungu.draft.post.ideas')).toBeNull();
  });
});

describe("a board's own statuses and tags", () => {
  const detail = {
    ...project,
    statuses: [
      { id: 's1', slug: 'open', name: 'Open', color: '#6b7280', kind: 'open', position: 1, post_count: 1 },
      { id: 's2', slug: 'wontfix', name: "Won't fix", color: '#ef4444', kind: 'closed', position: 2, post_count: 1 },
    ],
    categories: [{ id: 'c1', slug: 'feature', name: 'Feature', position: 1, post_count: 2 }],
    tags: [{ id: 't1', slug: 'mobile', name: 'Mobile', color: '#0ea5e9' }],
  };
  let lastList = '';

  beforeEach(() => {
    vi.stubGlobal('fetch', async (url: string) => {
      const u = new URL(url, 'http://x');
      if (u.pathname === '/api/projects/ideas') return json({ data: detail });
      if (u.pathname === '/api/projects/ideas/stats') return json({ data: { total_posts: 2, by_status: {}, by_category: {}, total_votes: 0, total_comments: 0 } });
      lastList = u.search;
      const closed = { ...post(1), status: 'wontfix', tags: ['mobile'] };
      return json({ data: [{ ...post(2), tags: [] }, closed], pagination: { page: 1, per_page: 20, total: 2, total_pages: 1 } });
    });
  });

  it('asks the server to leave out closed-kind posts and sort by trending by default, shows them on request, and filters by a tag', async () => {
    const root = open();
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid=post-card]')).toHaveLength(2));
    expect(lastList).toBe('?sort=trending&exclude_closed=true&page=1&per_page=20');
    expect(root.querySelector('[data-testid=filter-status-wontfix]')?.textContent).toContain("Won't fix");
    // Signed out: no "My votes" / "My posts".
    expect(root.querySelector('[data-testid=filter-mine-votes]')).toBeNull();

    (root.querySelector('[data-testid=toggle-closed]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(lastList).toBe('?sort=trending&page=1&per_page=20'));
    expect(location.search).toBe('?closed=show');
    expect(root.querySelector('[data-testid=tag-chip]')?.textContent).toBe('Mobile');

    (root.querySelector('[data-testid=filter-tag-mobile]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(lastList).toContain('tag=mobile'));
  });

  it('a chosen status is listed whatever its kind, and a signed-in viewer can list their votes or posts', async () => {
    session.user = { id: 'u1', name: 'Ann', email: 'ann@example.com', role: 'member', avatar_url: null } as never;
    try {
      const root = open();
      await vi.waitFor(() => expect(root.querySelector('[data-testid=filter-mine-votes]')).not.toBeNull());
      (root.querySelector('[data-testid=filter-status-wontfix]') as HTMLButtonElement).click();
      await vi.waitFor(() => expect(lastList).toBe('?sort=trending&status=wontfix&page=1&per_page=20'));
      expect(root.querySelector('[data-testid=toggle-closed]')).toBeNull();
      (root.querySelector('[data-testid=filter-mine-votes]') as HTMLButtonElement).click();
      await vi.waitFor(() => expect(lastList).toBe('?sort=trending&status=wontfix&voted_by=me&page=1&per_page=20'));
      (root.querySelector('[data-testid=filter-mine-posts]') as HTMLButtonElement).click();
      await vi.waitFor(() => expect(lastList).toBe('?sort=trending&status=wontfix&author=me&page=1&per_page=20'));
      expect(root.querySelector('[data-testid=active-filters]')?.textContent).toContain('My posts');
    } finally {
      session.user = null;
    }
  });
});

describe('the filters on a phone', () => {
  it('open from one Filters button as a sheet with the same controls; Esc closes it and gives the focus back', async () => {
    let lastList = '';
    vi.stubGlobal('fetch', async (url: string) => {
      const u = new URL(url, 'http://x');
      if (u.pathname === '/api/projects/ideas') return json({ data: project });
      if (u.pathname === '/api/projects/ideas/stats') return json({ data: { total_posts: 2, by_status: {}, by_category: {}, total_votes: 0, total_comments: 0 } });
      lastList = u.search;
      return json({ data: [post(2), post(1)], pagination: { page: 1, per_page: 20, total: 2, total_pages: 1 } });
    });
    const root = open();
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid=post-card]')).toHaveLength(2));
    const toggle = root.querySelector<HTMLButtonElement>('[data-testid=filters-toggle]')!;
    const sheet = root.querySelector<HTMLElement>('[data-testid=filters]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-controls')).toBe(sheet.id);
    expect(root.querySelector('[data-testid=filters-active]')).toBeNull();

    toggle.click();
    await vi.waitFor(() => expect(document.activeElement).toBe(sheet));
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(sheet.closest('.board-filters')?.classList.contains('open')).toBe(true);
    (sheet.querySelector('[data-testid=filter-category-bug]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(lastList).toContain('category=bug'));
    expect(root.querySelector('[data-testid=filters-active]')?.textContent).toBe('1');

    sheet.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(document.activeElement).toBe(toggle));
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(sheet.closest('.board-filters')?.classList.contains('open')).toBe(false);
  });

  it('is a modal dialog while open: Tab and Shift+Tab stay inside it', async () => {
    const root = open();
    releaseProject();
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid=post-card]')).toHaveLength(2));
    const toggle = root.querySelector<HTMLButtonElement>('[data-testid=filters-toggle]')!;
    const sheet = root.querySelector<HTMLElement>('[data-testid=filters]')!;
    expect(sheet.getAttribute('role')).toBe('region');
    expect(sheet.hasAttribute('aria-modal')).toBe(false);

    toggle.click();
    await vi.waitFor(() => expect(document.activeElement).toBe(sheet));
    expect(sheet.getAttribute('role')).toBe('dialog');
    expect(sheet.getAttribute('aria-modal')).toBe('true');
    const controls = [...sheet.querySelectorAll<HTMLElement>('button')];
    const first = controls[0];
    const last = controls[controls.length - 1];
    expect(first.dataset.testid).toBe('filters-done');
    const tab = (shiftKey: boolean) => {
      const e = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true });
      document.activeElement!.dispatchEvent(e);
      return e.defaultPrevented;
    };

    expect(tab(false)).toBe(true); // from the sheet itself to its first control
    expect(document.activeElement).toBe(first);
    expect(tab(true)).toBe(true); // Shift+Tab on the first control wraps to the last
    expect(document.activeElement).toBe(last);
    expect(tab(false)).toBe(true); // Tab on the last wraps to the first
    expect(document.activeElement).toBe(first);
    controls[1].focus();
    expect(tab(false)).toBe(false); // in between, the browser moves focus as usual

    sheet.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(document.activeElement).toBe(toggle));
    expect(sheet.getAttribute('role')).toBe('region');
    expect(tab(false)).toBe(false); // closed, Tab is not held
  });
});

describe('an empty board', () => {
  afterEach(() => {
    session.user = null;
    session.loading = true;
  });

  function emptyLists() {
    vi.stubGlobal('fetch', async (url: string) => {
      const path = new URL(url, 'http://x').pathname;
      if (path === '/api/projects/ideas') return json({ data: project });
      if (path === '/api/projects/ideas/stats') return json({ data: { total_posts: 0, by_status: {}, by_category: {}, total_votes: 0, total_comments: 0 } });
      return json({ data: [], pagination: { page: 1, per_page: 20, total: 0, total_pages: 0 } });
    });
  }

  it('offers a signed-in member to write the first post, which opens the form', async () => {
    emptyLists();
    session.user = { id: 'u1', email: 'ann@example.com', name: 'Ann', avatar_url: null, role: 'member' };
    const root = open();
    const button = await vi.waitFor(() => {
      const b = root.querySelector<HTMLButtonElement>('[data-testid=empty-new-post]');
      expect(b?.disabled).toBe(false);
      return b!;
    });
    button.click();
    await vi.waitFor(() => expect(root.querySelector('[data-testid=new-post-form]')).not.toBeNull());
  });

  it('offers a visitor the sign-in page, back to this board', async () => {
    emptyLists();
    session.loading = false; // known to be signed out
    const root = open();
    const link = await vi.waitFor(() => {
      const a = root.querySelector<HTMLAnchorElement>('[data-testid=empty-sign-in]');
      expect(a).not.toBeNull();
      return a!;
    });
    expect(link.getAttribute('href')).toContain('/login?redirect=');
  });
});
