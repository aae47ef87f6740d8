import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import Markdown from '../src/components/Markdown.svelte';
import PostCard from '../src/components/PostCard.svelte';
import type { PostDetail } from '../src/lib/types';

const mounted: Record<string, unknown>[] = [];
afterEach(() => {
  mounted.splice(0).forEach((c) => unmount(c));
  document.body.innerHTML = '';
});

function render(component: typeof PostCard | typeof Markdown, props: Record<string, unknown>) {
  const target = document.createElement('div');
  document.body.append(target);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mounted.push(mount(component as any, { target, props }));
  flushSync();
  return target;
}

const XSS = '<img src=x onerror=alert(1)>';

const post: PostDetail = {
  id: 'p1',
  project_id: 'pr1',
  title: XSS,
  description: '<script>alert(1)</script>',
  status: 'planned',
  category: 'bug',
  vote_count: 7,
  comment_count: 2,
  created_by: 'u1',
  created_at: new Date().toISOString(),
  updated_at: new Date().toISOString(),
  done_at: null,
  creator: { id: 'u1', name: '<b>Eve</b>', avatar_url: null },
  user_voted: true,
};

describe('PostCard', () => {
  it('renders a hostile title, description and author as text', () => {
    const el = render(PostCard, { post, slug: 'my-app', onvote: () => {} });
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('script')).toBeNull();
    expect(el.querySelector('b')).toBeNull();
    expect(el.querySelector('[data-testid="post-link"]')?.textContent).toBe(XSS);
    expect(el.textContent).toContain('<b>Eve</b>');
  });

  it('links to the post and shows the real voted state', () => {
    const el = render(PostCard, { post, slug: 'my-app', onvote: () => {} });
    expect(el.querySelector('[data-testid="post-link"]')?.getAttribute('href')).toBe('/board/my-app/post/p1');
    const vote = el.querySelector('[data-testid="vote-button"]')!;
    expect(vote.getAttribute('aria-pressed')).toBe('true');
    expect(el.querySelector('[data-testid="vote-count"]')?.textContent).toBe('7');
    expect(el.querySelector('[data-testid="status-badge"]')?.textContent).toContain('Planned');
  });
});

describe('Markdown', () => {
  it('renders the safe subset into the page', () => {
    const el = render(Markdown, { source: `**hi** ${XSS} [x](javascript:alert(1))`, testid: 'md' });
    const md = el.querySelector('[data-testid="md"]')!;
    expect(md.querySelector('strong')?.textContent).toBe('hi');
    expect(md.querySelector('img')).toBeNull();
    expect(md.querySelector('a')).toBeNull();
    expect(md.textContent).toContain(XSS);
  });
});
