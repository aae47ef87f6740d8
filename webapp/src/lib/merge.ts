import type { PostDetail } from './types';

/** The posts a post may be merged into: not itself, and not a post that is itself merged. */
export function mergeCandidates(posts: PostDetail[], postId: string): PostDetail[] {
  return posts.filter((p) => p.id !== postId && !p.merged_into);
}
