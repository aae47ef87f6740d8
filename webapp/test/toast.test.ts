import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Toasts from '../src/components/Toasts.svelte';
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
});
