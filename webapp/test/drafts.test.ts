import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import PostForm from '../src/components/PostForm.svelte';
import { clearDraft, editDraftKey, isBlank, loadDraft, newPostDraftKey, saveDraft } from '../src/lib/drafts';

beforeEach(() => localStorage.clear());

describe('drafts in local storage', () => {
  it('keeps a draft per board and per edited post', () => {
    saveDraft(newPostDraftKey('ideas'), { title: 'Dark mode', description: 'please', category: 'feature' });
    saveDraft(editDraftKey('p1'), { title: 'Edited', description: '', category: 'bug' });
    expect(loadDraft(newPostDraftKey('ideas'))).toEqual({ title: 'Dark mode', description: 'please', category: 'feature' });
    expect(loadDraft(newPostDraftKey('other'))).toBeUndefined();
    expect(loadDraft(editDraftKey('p1'))?.title).toBe('Edited');
  });

  it('a blank draft removes the kept one', () => {
    saveDraft(newPostDraftKey('ideas'), { title: 'x', description: '', category: 'feature' });
    saveDraft(newPostDraftKey('ideas'), { title: '  ', description: '\n', category: 'feature' });
    expect(localStorage.getItem(newPostDraftKey('ideas'))).toBeNull();
    expect(isBlank({ title: ' ', description: '' })).toBe(true);
  });

  it('ignores what is not a draft', () => {
    localStorage.setItem(newPostDraftKey('ideas'), '{not json');
    expect(loadDraft(newPostDraftKey('ideas'))).toBeUndefined();
    localStorage.setItem(newPostDraftKey('ideas'), '{"title":1}');
    expect(loadDraft(newPostDraftKey('ideas'))).toBeUndefined();
  });

  it('clears', () => {
    saveDraft(editDraftKey('p1'), { title: 'x', description: '', category: 'bug' });
    clearDraft(editDraftKey('p1'));
    expect(loadDraft(editDraftKey('p1'))).toBeUndefined();
  });
});

describe('the new-post form', () => {
  let component: Record<string, unknown> | undefined;
  const created: unknown[] = [];
  const cancelled = vi.fn();

  afterEach(() => {
    if (component) unmount(component);
    component = undefined;
    created.length = 0;
    cancelled.mockReset();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  function open(): HTMLElement {
    const target = document.createElement('div');
    document.body.append(target);
    component = mount(PostForm, { target, props: { slug: 'ideas', oncreated: (p: unknown) => created.push(p), oncancel: cancelled } });
    flushSync();
    return target;
  }
  function close() {
    unmount(component!);
    component = undefined;
  }
  function type(root: HTMLElement, testid: string, text: string) {
    const field = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid=${testid}]`)!;
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
  }
  const value = (root: HTMLElement, testid: string) =>
    root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid=${testid}]`)!.value;

  it('gives back the draft after it was closed (Esc, Cancel or a reload)', () => {
    let root = open();
    type(root, 'new-post-title', 'Export to CSV');
    type(root, 'new-post-description', 'With all columns');
    root.querySelector<HTMLInputElement>('[data-testid=new-post-category-feature]')!.click();
    flushSync();
    close();

    root = open();
    expect(value(root, 'new-post-title')).toBe('Export to CSV');
    expect(value(root, 'new-post-description')).toBe('With all columns');
    expect(root.querySelector<HTMLInputElement>('[data-testid=new-post-category-feature]')!.checked).toBe(true);
    expect(root.querySelector('[data-testid=draft-kept]')!.textContent).toContain('restored');
  });

  it('asks before discarding typed text and keeps it when the answer is no', () => {
    const root = open();
    type(root, 'new-post-title', 'Export to CSV');
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    root.querySelector<HTMLButtonElement>('[data-testid=new-post-discard]')!.click();
    flushSync();
    expect(confirm).toHaveBeenCalledOnce();
    expect(value(root, 'new-post-title')).toBe('Export to CSV');
    expect(loadDraft(newPostDraftKey('ideas'))?.title).toBe('Export to CSV');

    confirm.mockReturnValue(true);
    root.querySelector<HTMLButtonElement>('[data-testid=new-post-discard]')!.click();
    flushSync();
    expect(loadDraft(newPostDraftKey('ideas'))).toBeUndefined();
    expect(cancelled).toHaveBeenCalledOnce();
  });

  it('forgets the draft once the post is published', async () => {
    vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
      const post = { id: 'p9', title: 'Export to CSV', vote_count: 0 };
      if (init?.method === 'POST') return new Response(JSON.stringify({ data: post }), { status: 201, headers: { 'Content-Type': 'application/json' } });
      return new Response(JSON.stringify({ data: [], pagination: { page: 1, per_page: 5, total: 0, total_pages: 0 } }), { headers: { 'Content-Type': 'application/json' } });
    });
    const root = open();
    type(root, 'new-post-title', 'Export to CSV');
    root.querySelector<HTMLButtonElement>('[data-testid=new-post-submit]')!.click();
    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(loadDraft(newPostDraftKey('ideas'))).toBeUndefined();
  });
});
