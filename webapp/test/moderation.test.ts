import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ApprovalQueue from '../src/components/ApprovalQueue.svelte';
import BoardAccess from '../src/components/BoardAccess.svelte';
import ModerationBar from '../src/components/ModerationBar.svelte';
import PostCard from '../src/components/PostCard.svelte';
import { session } from '../src/lib/session.svelte';
import type { PostDetail, Project } from '../src/lib/types';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const post: PostDetail = {
  id: 'p1', project_id: 'pr', title: 'Please review', description: null, status: 'open', category: 'feedback',
  vote_count: 0, comment_count: 0, created_by: 'u1', created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z', done_at: null, creator: { id: 'u1', name: 'Mia', avatar_url: null },
  user_voted: false, response: null, merged_into: null, pinned: false, locked: false, hidden: false,
  approval: 'pending', tags: [],
};
const project: Project = {
  id: 'pr', slug: 'secret', name: 'Secret', description: null, created_at: '2026-01-01T00:00:00Z', post_count: 0,
  visibility: 'public', moderation: 'none',
};
const ADMIN = { id: 'a1', email: 'ada@example.com', name: 'Ada', avatar_url: null, role: 'admin' as const };
const MEMBER = { id: 'u1', email: 'mia@example.com', name: 'Mia', avatar_url: null, role: 'member' as const };

let requests: { method: string; path: string; body?: unknown }[] = [];
let component: Record<string, unknown> | undefined;

function open(c: unknown, props: Record<string, unknown>): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  component = mount(c as any, { target, props });
  flushSync();
  return target;
}

function stub(answer: (method: string, path: string) => Response) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const path = new URL(url, 'http://x').pathname;
    const method = init?.method ?? 'GET';
    requests.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    return answer(method, path);
  });
}

beforeEach(() => {
  requests = [];
  session.loading = false;
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  vi.unstubAllGlobals();
  session.user = null;
  document.body.innerHTML = '';
});

describe('a post waiting for approval', () => {
  it('tells its author it waits, without admin buttons', () => {
    session.user = MEMBER;
    const root = open(ModerationBar, { post, onchange: () => {}, onrejected: () => {} });
    expect(root.querySelector('[data-testid=pending-notice]')?.textContent).toContain('Waiting for approval');
    expect(root.querySelector('[data-testid=pending-notice]')?.textContent).toContain('Only you');
    expect(root.querySelector('[data-testid=moderation-bar]')).toBeNull();
  });

  it('is approved by an admin through the API', async () => {
    session.user = ADMIN;
    stub(() => json({ data: { ...post, approval: 'approved' } }));
    let changed: PostDetail | undefined;
    const root = open(ModerationBar, { post, onchange: (p: PostDetail) => (changed = p), onrejected: () => {} });
    (root.querySelector('[data-testid=post-approve]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(changed?.approval).toBe('approved'));
    expect(requests).toEqual([{ method: 'POST', path: '/api/posts/p1/approve', body: undefined }]);
  });
});

describe('hiding a post', () => {
  it('offers an admin Hide on a listed post and Restore on a hidden one', async () => {
    session.user = ADMIN;
    stub(() => json({ data: { ...post, approval: 'approved', hidden: true } }));
    let changed: PostDetail | undefined;
    const root = open(ModerationBar, {
      post: { ...post, approval: 'approved' }, onchange: (p: PostDetail) => (changed = p), onrejected: () => {},
    });
    expect(root.querySelector('[data-testid=post-restore]')).toBeNull();
    (root.querySelector('[data-testid=post-hide]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(changed?.hidden).toBe(true));
    expect(requests[0].path).toBe('/api/posts/p1/hide');
  });

  it('greys a hidden post card and labels it', () => {
    const root = open(PostCard, { post: { ...post, approval: 'approved', hidden: true }, slug: 'secret', onvote: () => {} });
    expect(root.querySelector('[data-testid=post-card]')?.classList.contains('moderated')).toBe(true);
    expect(root.querySelector('[data-testid=hidden-badge]')?.textContent).toBe('Hidden');
  });
});

describe('the approval queue', () => {
  it('lists the waiting posts and approving one hands it to the board list', async () => {
    session.user = ADMIN;
    stub((method, path) => {
      if (method === 'GET' && path === '/api/projects/secret/posts/pending')
        return json({ data: [post], pagination: { page: 1, per_page: 50, total: 1, total_pages: 1 } });
      return json({ data: { ...post, approval: 'approved' } });
    });
    let approved: PostDetail | undefined;
    const root = open(ApprovalQueue, { slug: 'secret', onapproved: (p: PostDetail) => (approved = p) });
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid=pending-post]')).toHaveLength(1));
    (root.querySelector('[data-testid=pending-approve]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(approved?.id).toBe('p1'));
    await vi.waitFor(() => expect(root.querySelector('[data-testid=approval-queue]')).toBeNull());
  });
});

describe('board access settings', () => {
  it('saves visibility and moderation and adds a member by email', async () => {
    session.user = ADMIN;
    stub((method, path) => {
      if (method === 'GET' && path === '/api/projects/secret/members')
        return json({ data: [], pagination: { page: 1, per_page: 100, total: 0, total_pages: 0 } });
      if (method === 'PUT')
        return json({ data: { id: 'u1', email: 'mia@example.com', name: 'Mia', avatar_url: null, added_at: '2026-01-01T00:00:00Z' } });
      return json({ data: { ...project, visibility: 'members', moderation: 'new_posts' } });
    });
    let saved: Project | undefined;
    const root = open(BoardAccess, { project, onchange: (p: Project) => (saved = p) });
    const visibility = root.querySelector('[data-testid=board-visibility]') as HTMLSelectElement;
    visibility.value = 'members';
    visibility.dispatchEvent(new Event('change'));
    const moderation = root.querySelector('[data-testid=board-moderation]') as HTMLSelectElement;
    moderation.value = 'new_posts';
    moderation.dispatchEvent(new Event('change'));
    (root.querySelector('[data-testid=board-access-save]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(saved?.visibility).toBe('members'));
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ visibility: 'members', moderation: 'new_posts' });

    const email = root.querySelector('[data-testid=board-member-email]') as HTMLInputElement;
    email.value = 'mia@example.com';
    email.dispatchEvent(new Event('input'));
    (root.querySelector('[data-testid=board-member-add]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid=board-member]')).toHaveLength(1));
    expect(requests.find((r) => r.method === 'PUT')?.path).toBe('/api/projects/secret/members/mia%40example.com');
  });
});
