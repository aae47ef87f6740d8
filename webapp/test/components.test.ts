import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import Markdown from '../src/components/Markdown.svelte';
import OfficialResponse from '../src/components/OfficialResponse.svelte';
import PostCard from '../src/components/PostCard.svelte';
import StatusChangeItem from '../src/components/StatusChangeItem.svelte';
import type { PostDetail } from '../src/lib/types';

const mounted: Record<string, unknown>[] = [];
afterEach(() => {
  mounted.splice(0).forEach((c) => unmount(c));
  document.body.innerHTML = '';
});

function render(
  component: typeof PostCard | typeof Markdown | typeof OfficialResponse | typeof StatusChangeItem,
  props: Record<string, unknown>,
) {
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
  response: null,
  merged_into: null,
  pinned: false,
  locked: false,
  hidden: false,
  approval: 'approved',
  tags: [],
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

  it("names the vote button by its content, so the name contains the visible count", () => {
    const el = render(PostCard, { post, slug: 'my-app', onvote: () => {} });
    const vote = el.querySelector('[data-testid="vote-button"]')!;
    expect(vote.hasAttribute('aria-label')).toBe(false);
    expect(vote.textContent!.replace(/\s+/g, ' ').trim()).toBe('Vote, 7 votes');
    const one = render(PostCard, { post: { ...post, id: 'p2', vote_count: 1 }, slug: 'my-app', onvote: () => {} });
    expect(one.querySelector('[data-testid="vote-button"]')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('Vote, 1 vote');
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

const response = {
  text: `**Shipped** in 2.3 ${XSS}`,
  author: { id: 'u2', name: 'Ada Admin', avatar_url: null },
  created_at: new Date().toISOString(),
};

describe('OfficialResponse', () => {
  it('shows the response as safe Markdown with its author on the post page', () => {
    const el = render(OfficialResponse, { response });
    const text = el.querySelector('[data-testid="official-response-text"]')!;
    expect(text.querySelector('strong')?.textContent).toBe('Shipped');
    expect(text.querySelector('img')).toBeNull();
    expect(text.textContent).toContain(XSS);
    expect(el.querySelector('[data-testid="official-response-author"]')?.textContent).toBe('Ada Admin');
  });

  it('shows a plain-text excerpt on cards', () => {
    const el = render(PostCard, { post: { ...post, response }, slug: 'my-app', onvote: () => {} });
    const text = el.querySelector('[data-testid="official-response-text"]')!;
    expect(text.querySelector('strong')).toBeNull();
    expect(text.textContent).toContain('Shipped in 2.3');
    expect(el.querySelector('img')).toBeNull();
  });

  it('is absent from a card without a response', () => {
    const el = render(PostCard, { post, slug: 'my-app', onvote: () => {} });
    expect(el.querySelector('[data-testid="official-response"]')).toBeNull();
  });
});

describe('StatusChangeItem', () => {
  it('says who changed the status from what to what, with the response', () => {
    const el = render(StatusChangeItem, {
      change: {
        id: 's1',
        post_id: 'p1',
        from: 'planned',
        to: 'done',
        response: 'Shipped',
        creator: { id: 'u2', name: 'Ada Admin', avatar_url: null },
        created_at: new Date().toISOString(),
      },
    });
    const item = el.querySelector('[data-testid="timeline-status-change"]')!;
    expect(item.textContent).toContain('Ada Admin');
    expect(item.textContent).toContain('changed the status from Planned to Done');
    expect(item.getAttribute('data-to')).toBe('done');
    expect(el.querySelector('[data-testid="timeline-response"]')?.textContent).toContain('Shipped');
  });
});
