import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import CategoryBadge from '../src/components/CategoryBadge.svelte';

const mounted: ReturnType<typeof mount>[] = [];
afterEach(() => {
  mounted.splice(0).forEach((c) => unmount(c));
  document.body.innerHTML = '';
});

function badge(category: string): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  mounted.push(mount(CategoryBadge, { target, props: { category } }));
  flushSync();
  return target;
}

describe('category icons', () => {
  it('are inline SVG, hidden from screen readers, never emoji (which depend on the fonts installed)', () => {
    for (const category of ['feedback', 'bug', 'feature', 'question', 'an-admins-own']) {
      const el = badge(category);
      const svg = el.querySelector('svg');
      expect(svg, category).not.toBeNull();
      expect(svg!.getAttribute('aria-hidden')).toBe('true');
      expect(svg!.querySelectorAll('path').length).toBeGreaterThan(0);
      expect(el.textContent ?? '').not.toMatch(/\p{Extended_Pictographic}/u);
    }
  });

  it('differ between the default categories', () => {
    const drawn = ['feedback', 'bug', 'feature', 'question'].map((c) => badge(c).querySelector('svg')!.innerHTML);
    expect(new Set(drawn).size).toBe(4);
  });
});
