import type { PostDetail, Vote } from './types';

/**
 * The web app votes for the author's new post right after creating it: one ordinary vote, which the card's vote
 * button takes back like any other (the REST, MCP and CLI create stays vote-free). A post waiting for approval,
 * or one already voted for, is left as it is; a failed vote leaves the post unvoted rather than failing the
 * creation.
 */
export async function voteForOwnPost(post: PostDetail, toggleVote: (id: string) => Promise<Vote>): Promise<PostDetail> {
  if (post.user_voted || post.approval === 'pending') return post;
  try {
    const v = await toggleVote(post.id);
    return { ...post, vote_count: v.vote_count, user_voted: v.voted };
  } catch {
    return post;
  }
}
