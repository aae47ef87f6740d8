import { flushSync, mount, tick, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Comments from '../src/components/Comments.svelte';
import { session } from '../src/lib/session.svelte';
import type { CommentDetail, TimelineEntry } from '../src/lib/types';

const who = { id: 'u1', name: 'Ann', avatar_url: null };

function comment(id: string, parent: string | null = null): CommentDetail {
  return { id, post_id: 'p', parent_id: parent, content: `text of ${id}`, created_by: 'u1', created_at: '2026-01-01T00:00:00Z', edited_at: null, creator: who, internal: false, merged_from: null, hidden: false };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const requests: { url: string; method: string; body: unknown }[] = [];
let component: Record<string, unknown> | undefined;

beforeEach(() => {
  session.user = { id: 'u1', email: 'ann@example.com', name: 'Ann', avatar_url: null, role: 'member' };
  const timeline: TimelineEntry[] = ['c1', 'c2', 'c3'].map((id) => ({ type: 'comment', comment: comment(id), status_change: null, merge: null }));
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ url, method: init?.method ?? 'GET', body });
    if (init?.method === 'POST') return json({ data: { ...comment('r1', body.parent_id), content: body.content } }, 201);
    return json({ data: timeline, pagination: { page: 1, per_page: 100, total: 3, total_pages: 1 } });
  });
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  requests.length = 0;
  vi.unstubAllGlobals();
  session.user = null;
  document.body.innerHTML = '';
});

async function render(): Promise<HTMLElement> {
  const target = document.createElement('div');
  document.body.append(target);
  component = mount(Comments, { target, props: { postId: 'p', oncount: () => {} } });
  await vi.waitFor(() => expect(target.querySelectorAll('[data-testid=comment]')).toHaveLength(3));
  return target;
}

const byId = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-comment-id="${id}"]`)!;

describe('replying to a comment', () => {
  it('opens the reply box under that comment, not the one at the top', async () => {
    const root = await render();
    byId(root, 'c3').querySelector<HTMLButtonElement>('[data-testid=reply-button]')!.click();
    flushSync();
    await tick();

    const forms = root.querySelectorAll('[data-testid=reply-form]');
    expect(forms).toHaveLength(1);
    expect(byId(root, 'c3').contains(forms[0])).toBe(true);
    expect(byId(root, 'c1').contains(forms[0])).toBe(false);
    expect(document.activeElement).toBe(forms[0].querySelector('textarea'));
    expect(byId(root, 'c3').querySelector('[data-testid=reply-button]')!.getAttribute('aria-expanded')).toBe('true');
    // the box for a new comment stays where it is, empty
    expect(root.querySelector<HTMLTextAreaElement>('[data-testid=comment-input]')!.value).toBe('');
  });

  it('posts the reply with its parent and shows it under the parent', async () => {
    const root = await render();
    byId(root, 'c2').querySelector<HTMLButtonElement>('[data-testid=reply-button]')!.click();
    flushSync();
    const input = root.querySelector<HTMLTextAreaElement>('[data-testid=reply-input]')!;
    input.value = 'Agreed';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    root.querySelector<HTMLButtonElement>('[data-testid=reply-submit]')!.click();

    await vi.waitFor(() => expect(byId(root, 'r1')).not.toBeNull());
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ content: 'Agreed', parent_id: 'c2' });
    expect(byId(root, 'c2').contains(byId(root, 'r1'))).toBe(true);
    expect(root.querySelector('[data-testid=reply-form]')).toBeNull();
  });

  it('Cancel on an empty reply closes it; with text it asks first', async () => {
    const root = await render();
    byId(root, 'c1').querySelector<HTMLButtonElement>('[data-testid=reply-button]')!.click();
    flushSync();
    const input = root.querySelector<HTMLTextAreaElement>('[data-testid=reply-input]')!;
    input.value = 'half a thought';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    root.querySelector<HTMLButtonElement>('[data-testid=reply-cancel]')!.click();
    flushSync();
    expect(confirm).toHaveBeenCalledOnce();
    expect(root.querySelector<HTMLTextAreaElement>('[data-testid=reply-input]')!.value).toBe('half a thought');

    confirm.mockReturnValue(true);
    root.querySelector<HTMLButtonElement>('[data-testid=reply-cancel]')!.click();
    flushSync();
    expect(root.querySelector('[data-testid=reply-form]')).toBeNull();
  });
  it('gives the focus back to the Reply button when the reply box closes (sent, Cancel, Esc)', async () => {
    const root = await render();
    const reply = byId(root, 'c1').querySelector<HTMLButtonElement>('[data-testid=reply-button]')!;
    reply.click();
    flushSync();
    root.querySelector<HTMLButtonElement>('[data-testid=reply-cancel]')!.click();
    flushSync();
    expect(document.activeElement).toBe(reply);

    reply.click();
    flushSync();
    const input = root.querySelector<HTMLTextAreaElement>('[data-testid=reply-input]')!;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    flushSync();
    expect(root.querySelector('[data-testid=reply-form]')).toBeNull();
    expect(document.activeElement).toBe(reply);

    reply.click();
    flushSync();
    const typed = root.querySelector<HTMLTextAreaElement>('[data-testid=reply-input]')!;
    typed.value = 'Agreed';
    typed.dispatchEvent(new Event('input', { bubbles: true }));
    root.querySelector<HTMLButtonElement>('[data-testid=reply-submit]')!.click();
    await vi.waitFor(() => expect(byId(root, 'r1')).not.toBeNull());
    expect(document.activeElement).toBe(reply);
  });
});

describe('editing a comment', () => {
  it('puts the focus in the text, and back on Edit when the form closes', async () => {
    const root = await render();
    const edit = () => byId(root, 'c2').querySelector<HTMLButtonElement>('[data-testid=comment-edit]')!;
    edit().click();
    await vi.waitFor(() => expect(document.activeElement).toBe(root.querySelector('[data-testid=comment-edit-input]')));
    root.querySelector<HTMLButtonElement>('[data-testid=comment-edit-cancel]')!.click();
    await vi.waitFor(() => expect(document.activeElement).toBe(edit()));
  });
});
