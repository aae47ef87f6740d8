import { withBase } from './base';

export type FeedKind = 'posts' | 'changelog';

/** The path of a board's Atom feed under the base ("/feedback/feeds/my-app/posts.atom"). */
export function feedPath(base: string, slug: string, kind: FeedKind): string {
  return withBase(base, `/feeds/${encodeURIComponent(slug)}/${kind}.atom`);
}

/** The feed a board page offers: new posts on the board's post list, shipped posts on its changelog. */
export function feedOf(current: 'posts' | 'roadmap' | 'changelog'): FeedKind | null {
  if (current === 'posts') return 'posts';
  if (current === 'changelog') return 'changelog';
  return null;
}
