import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import PostForm from '../src/components/PostForm.svelte';
import { attachmentProblem, uploadAll } from '../src/lib/attachments';
import { loadDraft, newPostDraftKey } from '../src/lib/drafts';
import { toasts } from '../src/lib/toast.svelte';
import { LIMITS } from '../src/lib/types';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
const png = (name: string, size = 10) => new File([new Uint8Array(size)], name, { type: 'image/png' });

let component: Record<string, unknown> | undefined;
const created: { id: string }[] = [];
const uploads: { url: string; file: File }[] = [];
const posted: string[] = [];

beforeEach(() => localStorage.clear());
afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  created.length = 0;
  uploads.length = 0;
  posted.length = 0;
  toasts.splice(0);
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

/** A server whose upload of a file named in failing answers 422. */
function serve(failing: string[] = []) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    if (init?.method === 'POST' && init.body instanceof FormData) {
      const file = init.body.get('file') as File;
      uploads.push({ url, file });
      if (failing.includes(file.name)) return json({ error: 'MIME type mismatch', code: 'invalid' }, 422);
      return json({ data: { id: `a${uploads.length}`, filename: file.name, size: file.size } }, 201);
    }
    if (init?.method === 'POST') {
      posted.push(url);
      return json({ data: { id: 'p9', title: 'Export to CSV', vote_count: 0 } }, 201);
    }
    return json({ data: [], pagination: { page: 1, per_page: 5, total: 0, total_pages: 0 } });
  });
}

function open(): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  component = mount(PostForm, { target, props: { slug: 'ideas', oncreated: (p: { id: string }) => created.push(p), oncancel: () => {} } });
  flushSync();
  return target;
}
const q = (root: HTMLElement, testid: string) => root.querySelector<HTMLElement>(`[data-testid=${testid}]`);
const names = (root: HTMLElement) => Array.from(root.querySelectorAll('[data-testid=new-post-image] .name')).map((e) => e.textContent);

function pick(root: HTMLElement, files: File[]) {
  const input = q(root, 'new-post-image-input') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}
function paste(root: HTMLElement, files: File[]): Event {
  const e = new Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'clipboardData', { value: { files } });
  q(root, 'new-post-description')!.dispatchEvent(e);
  flushSync();
  return e;
}
function drop(root: HTMLElement, files: File[]): Event {
  const transfer = { files, types: ['Files'] };
  const over = new Event('dragover', { bubbles: true, cancelable: true });
  Object.defineProperty(over, 'dataTransfer', { value: transfer });
  q(root, 'new-post-title')!.dispatchEvent(over);
  flushSync();
  expect(over.defaultPrevented).toBe(true);
  expect(q(root, 'new-post-form')!.classList.contains('dragging')).toBe(true);
  const e = new Event('drop', { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'dataTransfer', { value: transfer });
  q(root, 'new-post-title')!.dispatchEvent(e);
  flushSync();
  return e;
}
function typeTitle(root: HTMLElement, text: string) {
  const field = q(root, 'new-post-title') as HTMLInputElement;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

describe('images in the post composer', () => {
  it('takes images from the picker, a paste and a drop, shows them and removes one', () => {
    serve();
    const root = open();
    pick(root, [png('one.png')]);
    expect(paste(root, [png('two.png')]).defaultPrevented).toBe(true);
    expect(drop(root, [png('three.png')]).defaultPrevented).toBe(true);
    expect(q(root, 'new-post-form')!.classList.contains('dragging')).toBe(false);
    expect(names(root)).toEqual(['one.png', 'two.png', 'three.png']);

    root.querySelectorAll<HTMLButtonElement>('[data-testid=new-post-image-remove]')[1].click();
    flushSync();
    expect(names(root)).toEqual(['one.png', 'three.png']);
  });

  it('a text paste is left alone', () => {
    serve();
    const root = open();
    expect(paste(root, []).defaultPrevented).toBe(false);
    expect(names(root)).toEqual([]);
  });

  it('refuses a wrong type or size at once, naming the file', () => {
    serve();
    const root = open();
    pick(root, [new File(['%PDF'], 'spec.pdf', { type: 'application/pdf' }), png('huge.png', LIMITS.attachmentBytes + 1), png('ok.png')]);
    expect(names(root)).toEqual(['ok.png']);
    const errors = q(root, 'new-post-image-error')!.textContent!;
    expect(errors).toContain('spec.pdf: only PNG, JPEG, WebP and GIF');
    expect(errors).toContain('huge.png: the file is 10.0 MB');
  });

  it('uploads the images in order after the post is created, as multipart field file', async () => {
    serve();
    const root = open();
    typeTitle(root, 'Export to CSV');
    pick(root, [png('one.png'), png('two.png')]);
    expect(loadDraft(newPostDraftKey('ideas'))).toEqual({ title: 'Export to CSV', description: '', category: 'feedback' });
    q(root, 'new-post-submit')!.click();
    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(posted).toEqual(['/api/projects/ideas/posts']);
    expect(uploads.map((u) => [u.url, u.file.name])).toEqual([
      ['/api/posts/p9/attachments', 'one.png'],
      ['/api/posts/p9/attachments', 'two.png'],
    ]);
    expect(toasts.map((t) => [t.kind, t.text])).toEqual([['success', '2 images attached.']]);
  });

  it('a failed upload keeps the post and says which image did not upload', async () => {
    serve(['bad.png']);
    const root = open();
    typeTitle(root, 'Export to CSV');
    pick(root, [png('bad.png'), png('good.png')]);
    q(root, 'new-post-submit')!.click();
    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(created[0].id).toBe('p9');
    expect(uploads.map((u) => u.file.name)).toEqual(['bad.png', 'good.png']);
    expect(toasts).toHaveLength(1);
    expect(toasts[0].kind).toBe('error');
    expect(toasts[0].text).toContain('Your post was saved, but 1 image did not upload (bad.png: MIME type mismatch)');
    expect(loadDraft(newPostDraftKey('ideas'))).toBeUndefined();
  });

  it('a post without images uploads nothing and says nothing about images', async () => {
    serve();
    const root = open();
    typeTitle(root, 'Export to CSV');
    q(root, 'new-post-submit')!.click();
    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(uploads).toEqual([]);
    expect(toasts).toEqual([]);
  });
});

describe('uploadAll', () => {
  it('reports progress, skips a refused file and goes on after a failure', async () => {
    const progress: string[] = [];
    const client = {
      uploadAttachment: vi.fn(async (_post: string, file: File) => {
        if (file.name === 'b.png') throw new Error('offline');
        return { id: file.name } as never;
      }),
    };
    const empty = new File([], 'empty.gif', { type: 'image/gif' });
    const outcome = await uploadAll(client, 'p1', [png('a.png'), empty, png('b.png'), png('c.png')], (t) => progress.push(t));
    expect(outcome.uploaded.map((a) => a.id)).toEqual(['a.png', 'c.png']);
    expect(outcome.failed).toEqual(['empty.gif: the file is empty.', 'b.png: offline']);
    expect(progress).toEqual(['Uploading a.png (1 of 4)…', 'Uploading b.png (3 of 4)…', 'Uploading c.png (4 of 4)…']);
    expect(attachmentProblem(new File(['x'], 'x.webp', { type: 'image/webp' }))).toBe('');
  });
});
