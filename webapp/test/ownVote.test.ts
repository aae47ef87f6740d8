import { describe, expect, it, vi } from 'vitest';
import { voteForOwnPost } from '../src/lib/ownVote';
import type { PostDetail } from '../src/lib/types';

const post = {
  id: 'p1', project_id: 'pr', title: 'Dark mode', description: null, status: 'open', category: 'feature', vote_count: 0,
  comment_count: 0, created_by: 'u1', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
  creator: { id: 'u1', name: 'Ann', avatar_url: null }, user_voted: false,
} as unknown as PostDetail;

describe("the author's vote for a new post", () => {
  it('is one ordinary vote, cast once', async () => {
    const toggle = vi.fn(async () => ({ voted: true, vote_count: 1 }));
    const voted = await voteForOwnPost(post, toggle);
    expect(toggle).toHaveBeenCalledExactlyOnceWith('p1');
    expect(voted).toMatchObject({ id: 'p1', user_voted: true, vote_count: 1 });
    expect(await voteForOwnPost(voted, toggle)).toBe(voted);
    expect(toggle).toHaveBeenCalledTimes(1);
  });

  it('is not cast for a post waiting for approval, and a failure leaves the post as created', async () => {
    const toggle = vi.fn(async () => {
      throw new Error('offline');
    });
    const pending = { ...post, approval: 'pending' } as PostDetail;
    expect(await voteForOwnPost(pending, toggle)).toBe(pending);
    expect(toggle).not.toHaveBeenCalled();
    expect(await voteForOwnPost(post, toggle)).toBe(post);
    expect(toggle).toHaveBeenCalledTimes(1);
  });
});
