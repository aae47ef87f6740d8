import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Comments from '../src/components/Comments.svelte';
import PostCard from '../src/components/PostCard.svelte';
import UserAdmin from '../src/components/UserAdmin.svelte';
import { Api } from '../src/lib/api';
import { setNotice, takeNotice } from '../src/lib/notice';
import { session } from '../src/lib/session.svelte';
import type { CommentDetail, PostDetail, TimelineEntry, User } from '../src/lib/types';

const who = { id: 'u1', name: 'Ann', avatar_url: null };
const ann = { id: 'u1', email: 'ann@example.com', name: 'Ann', avatar_url: null, role: 'member' as const };
const ada = { id: 'a1', email: 'ada@example.com', name: 'Ada', avatar_url: null, role: 'admin' as const };

function comment(id: string, internal = false): CommentDetail {
  return { id, post_id: 'p', parent_id: null, content: `text of ${id}`, created_by: 'u1', created_at: '2026-01-01T00:00:00Z', edited_at: null, creator: who, internal, merged_from: null, hidden: false };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let component: Record<string, unknown> | undefined;
const requests: { url: string; method: string; body: unknown }[] = [];

function serve(timeline: TimelineEntry[], extra: (url: string, init?: RequestInit) => Response | undefined = () => undefined) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ url, method: init?.method ?? 'GET', body });
    const answer = extra(url, init);
    if (answer) return answer;
    if (init?.method === 'POST') return json({ data: { ...comment('new', !!body.internal), content: body.content } }, 201);
    return json({ data: timeline, pagination: { page: 1, per_page: 100, total: timeline.length, total_pages: 1 } });
  });
}

async function renderComments(props: Record<string, unknown>, count: number): Promise<HTMLElement> {
  const target = document.createElement('div');
  document.body.append(target);
  component = mount(Comments, { target, props: { postId: 'p', oncount: () => {}, ...props } });
  await vi.waitFor(() => expect(target.querySelectorAll('[data-testid=comment]')).toHaveLength(count));
  flushSync();
  return target;
}

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  requests.length = 0;
  vi.unstubAllGlobals();
  session.user = null;
  document.body.innerHTML = '';
});

const entry = (c: CommentDetail): TimelineEntry => ({ type: 'comment', comment: c, status_change: null, merge: null });

describe('a locked post', () => {
  it('shows members a notice instead of the comment box', async () => {
    session.user = ann;
    serve([entry(comment('c1'))]);
    const root = await renderComments({ locked: true }, 1);
    expect(root.querySelector('[data-testid=post-locked]')?.textContent).toContain('locked');
    expect(root.querySelector('[data-testid=comment-form]')).toBeNull();
  });

  it('still lets an admin comment', async () => {
    session.user = ada;
    serve([entry(comment('c1'))]);
    const root = await renderComments({ locked: true }, 1);
    expect(root.querySelector('[data-testid=comment-form]')).not.toBeNull();
  });
});

describe('internal notes', () => {
  it('are shown distinctly, labelled "Internal note"', async () => {
    session.user = ada;
    serve([entry(comment('c1')), entry(comment('n1', true))]);
    const root = await renderComments({}, 2);
    const note = root.querySelector<HTMLElement>('[data-comment-id="n1"]')!;
    expect(note.classList.contains('internal')).toBe(true);
    expect(note.querySelector('[data-testid=internal-badge]')?.textContent).toBe('Internal note');
    expect(root.querySelector('[data-comment-id="c1"] [data-testid=internal-badge]')).toBeNull();
  });

  it('are written by an admin with the checkbox, which members do not have', async () => {
    session.user = ada;
    serve([entry(comment('c1'))]);
    const root = await renderComments({}, 1);
    const box = root.querySelector<HTMLInputElement>('[data-testid=comment-internal]')!;
    box.click();
    const input = root.querySelector<HTMLTextAreaElement>('[data-testid=comment-input]')!;
    input.value = 'Duplicate of #12';
    input.dispatchEvent(new Event('input'));
    root.querySelector<HTMLFormElement>('[data-testid=comment-form]')!.requestSubmit();
    await vi.waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ content: 'Duplicate of #12', internal: true });

    unmount(component!);
    component = undefined;
    session.user = ann;
    const member = await renderComments({}, 1);
    expect(member.querySelector('[data-testid=comment-internal]')).toBeNull();
  });
});

describe('merges', () => {
  it('show on the target with an Unmerge button for admins that calls the API', async () => {
    session.user = ada;
    const merge = { id: 'm1', post_id: 'dup', post_title: 'Night theme', into_id: 'p', into_title: 'Dark mode', undone: false, creator: who, created_at: '2026-01-02T00:00:00Z' };
    serve([entry(comment('c1')), { type: 'merge', comment: null, status_change: null, merge }], (url, init) =>
      init?.method === 'POST' && url.endsWith('/unmerge') ? json({ data: { id: 'dup' } }) : undefined,
    );
    const unmerged = vi.fn();
    const root = await renderComments({ onunmerged: unmerged }, 1);
    const item = root.querySelector('[data-testid=timeline-merge]')!;
    expect(item.textContent).toContain('merged “Night theme” into this post');
    item.querySelector<HTMLButtonElement>('[data-testid=unmerge]')!.click();
    await vi.waitFor(() => expect(unmerged).toHaveBeenCalled());
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/api/posts/dup/unmerge'))).toBe(true);
  });

  it('hand a notice to the next page once', () => {
    setNotice('“A” was merged into this post.');
    expect(takeNotice()).toBe('“A” was merged into this post.');
    expect(takeNotice()).toBeNull();
  });
});

describe('pinned posts and blocking', () => {
  it('a pinned card carries a Pinned badge', () => {
    const post = { id: 'p1', project_id: 'b', title: 'Read me first', description: null, status: 'open', category: 'feedback', vote_count: 0, comment_count: 0, created_by: 'u1', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', done_at: null, creator: who, user_voted: false, response: null, merged_into: null, pinned: true, locked: false } as PostDetail;
    const target = document.createElement('div');
    document.body.append(target);
    component = mount(PostCard, { target, props: { post, slug: 'b', onvote: () => {} } });
    flushSync();
    expect(target.querySelector('[data-testid=pinned-badge]')?.textContent).toBe('Pinned');
  });

  it('the admin users list blocks and unblocks a member', async () => {
    session.user = ada;
    const mia: User = { id: 'm1', email: 'mia@example.com', name: 'Mia', avatar_url: null, role: 'member', created_at: '2026-01-01T00:00:00Z', last_login: null, blocked: false };
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      requests.push({ url, method: init?.method ?? 'GET', body });
      if (init?.method === 'PATCH') return json({ data: { ...mia, blocked: body.blocked } });
      return json({ data: [mia], pagination: { page: 1, per_page: 50, total: 1, total_pages: 1 } });
    });
    const target = document.createElement('div');
    document.body.append(target);
    component = mount(UserAdmin, { target, props: {} });
    await vi.waitFor(() => expect(target.querySelector('[data-testid=user-block-toggle]')).not.toBeNull());
    target.querySelector<HTMLButtonElement>('[data-testid=user-block-toggle]')!.click();
    await vi.waitFor(() => expect(target.querySelector('[data-testid=user-blocked]')).not.toBeNull());
    expect(requests.find((r) => r.method === 'PATCH')).toMatchObject({ url: '/api/users/m1', body: { blocked: true } });
    expect(target.querySelector('[data-testid=user-block-toggle]')!.textContent).toContain('Unblock');
  });
});

describe('Api curation calls', () => {
  it('merges, unmerges and blocks with the documented bodies', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => json({ data: { id: 'x' } }));
    const api = new Api('/fb', fetch);
    await api.mergePost('a', 'b');
    await api.unmergePost('a');
    await api.setUserBlocked('u', true);
    await api.updatePost('a', { pinned: true, locked: false });
    const calls = fetch.mock.calls.map(([url, init]) => [url, init?.method, init?.body]);
    expect(calls).toEqual([
      ['/fb/api/posts/a/merge', 'POST', JSON.stringify({ into: 'b' })],
      ['/fb/api/posts/a/unmerge', 'POST', undefined],
      ['/fb/api/users/u', 'PATCH', JSON.stringify({ blocked: true })],
      ['/fb/api/posts/a', 'PATCH', JSON.stringify({ pinned: true, locked: false })],
    ]);
  });
});
