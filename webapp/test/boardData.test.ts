import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import PostCard from '../src/components/PostCard.svelte';
import StatusBadge from '../src/components/StatusBadge.svelte';
import TagChips from '../src/components/TagChips.svelte';
import { isClosed, setBoard, statusColor, statusLabel, tagOf } from '../src/lib/boardData.svelte';
import type { PostDetail, ProjectDetail } from '../src/lib/types';

const board: ProjectDetail = {
  id: 'b1',
  slug: 'app',
  name: 'App',
  description: '',
  created_at: '2026-01-01T00:00:00.000Z',
  post_count: 1,
  visibility: 'public',
  moderation: 'none',
  statuses: [
    { id: 's1', slug: 'open', name: 'Open', color: '#6b7280', kind: 'open', position: 1, post_count: 0 },
    { id: 's2', slug: 'shipped-beta', name: 'Shipped (beta)', color: '#8b5cf6', kind: 'active', position: 2, post_count: 1 },
    { id: 's3', slug: 'wontfix', name: "Won't fix", color: '#ef4444', kind: 'closed', position: 3, post_count: 0 },
  ],
  categories: [{ id: 'c1', slug: 'idea', name: 'Idea', position: 1, post_count: 1 }],
  tags: [{ id: 't1', slug: 'mobile', name: 'Mobile apps', color: '#0ea5e9' }],
};

const post: PostDetail = {
  id: 'p1',
  project_id: 'b1',
  title: 'Dark mode',
  description: '',
  status: 'shipped-beta',
  category: 'idea',
  vote_count: 1,
  comment_count: 0,
  created_by: 'u1',
  created_at: new Date().toISOString(),
  updated_at: new Date().toISOString(),
  done_at: null,
  creator: { id: 'u1', name: 'Ann', avatar_url: null },
  user_voted: false,
  response: null,
  merged_into: null,
  pinned: false,
  locked: false,
  hidden: false,
  approval: 'approved',
  tags: ['mobile'],
};

const mounted: Record<string, unknown>[] = [];
function render(component: unknown, props: Record<string, unknown>) {
  const target = document.createElement('div');
  document.body.append(target);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mounted.push(mount(component as any, { target, props }));
  flushSync();
  return target;
}

beforeEach(() => setBoard(board));
afterEach(() => {
  mounted.splice(0).forEach((c) => unmount(c));
  document.body.innerHTML = '';
});

describe('board data', () => {
  it("names, colours and kinds come from the board's own statuses", () => {
    expect(statusLabel('shipped-beta')).toBe('Shipped (beta)');
    expect(statusColor('shipped-beta')).toBe('#8b5cf6');
    expect(isClosed('wontfix')).toBe(true);
    expect(isClosed('shipped-beta')).toBe(false);
    expect(tagOf('mobile').name).toBe('Mobile apps');
  });

  it('falls back to the default names for a status the board data does not have', () => {
    setBoard({ ...board, statuses: [] });
    expect(statusLabel('in_progress')).toBe('In progress');
    expect(statusColor('in_progress')).toBe('var(--status-in_progress)');
    expect(isClosed('declined')).toBe(true);
  });
});

describe('StatusBadge and TagChips', () => {
  it("shows a custom status with the board's name and colour", () => {
    const el = render(StatusBadge, { status: 'shipped-beta' });
    expect(el.textContent?.trim()).toBe('Shipped (beta)');
    expect((el.querySelector('.dot') as HTMLElement).style.background).toContain('139, 92, 246');
  });

  it('shows each tag by name with its colour, and nothing without tags', () => {
    const el = render(TagChips, { tags: ['mobile'] });
    const chip = el.querySelector('[data-testid="tag-chip"]') as HTMLElement;
    expect(chip.textContent).toBe('Mobile apps');
    expect(chip.style.getPropertyValue('--tag-color')).toBe('#0ea5e9');
    expect(render(TagChips, { tags: [] }).querySelector('[data-testid="post-tags"]')).toBeNull();
  });

  it('a post card carries its tags', () => {
    const el = render(PostCard, { post, slug: 'app' });
    expect(el.querySelector('[data-testid="tag-chip"]')?.textContent).toBe('Mobile apps');
    expect(el.querySelector('[data-testid="category-badge"]')?.textContent).toContain('Idea');
  });
});
