import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Toasts from '../src/components/Toasts.svelte';
import VoteButton from '../src/components/VoteButton.svelte';
import { session } from '../src/lib/session.svelte';
import { MAX_TOASTS, TOAST_MS, dismiss, toast, toasts } from '../src/lib/toast.svelte';

let component: Record<string, unknown> | undefined;

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  while (toasts.length) dismiss(toasts[0].id);
  vi.useRealTimers();
  document.body.innerHTML = '';
});

function open(): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  component = mount(Toasts, { target });
  flushSync();
  return target;
}

describe('toasts', () => {
  it('announce saved and failed actions in a live region that is there before the first toast', () => {
    const root = open();
    const region = root.querySelector('[data-testid=toasts]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    toast('Status saved.');
    toast('Could not vote: offline', 'error');
    flushSync();
    const shown = [...root.querySelectorAll('[data-testid=toast]')];
    expect(shown.map((t) => t.textContent?.trim())).toEqual(['Status saved.', 'Could not vote: offline']);
    expect(shown.map((t) => t.getAttribute('data-kind'))).toEqual(['success', 'error']);
  });

  it('go by themselves (errors later), on Dismiss, and keep at most a few', () => {
    vi.useFakeTimers();
    const root = open();
    toast('Saved.');
    toast('Failed.', 'error');
    flushSync();
    vi.advanceTimersByTime(TOAST_MS.success);
    flushSync();
    expect([...root.querySelectorAll('[data-testid=toast]')].map((t) => t.textContent?.trim())).toEqual(['Failed.']);
    (root.querySelector('[data-testid=toast] button') as HTMLButtonElement).click();
    flushSync();
    expect(root.querySelectorAll('[data-testid=toast]')).toHaveLength(0);

    for (let i = 0; i < MAX_TOASTS + 2; i++) toast(`T${i}`);
    flushSync();
    expect([...root.querySelectorAll('[data-testid=toast]')].map((t) => t.textContent?.trim()))
      .toEqual([...Array(MAX_TOASTS).keys()].map((i) => `T${i + 2}`));
  });

  it('tell of a failed vote', async () => {
    const root = open();
    session.user = { id: 'u1', name: 'Ann', email: 'ann@example.com', role: 'member', avatar_url: null } as never;
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ error: 'Board is read-only', code: 'forbidden' }), { status: 403, headers: { 'Content-Type': 'application/json' } }),
    );
    try {
      const target = document.createElement('div');
      document.body.append(target);
      const vote = mount(VoteButton, { target, props: { postId: 'p1', count: 2, voted: false, onchange: () => {} } });
      flushSync();
      (target.querySelector('button') as HTMLButtonElement).click();
      await vi.waitFor(() => expect(root.querySelector('[data-testid=toast][data-kind=error]')?.textContent).toContain('Vote failed'));
      unmount(vote);
    } finally {
      session.user = null;
      vi.unstubAllGlobals();
    }
  });
});
