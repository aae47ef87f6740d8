// What the web app adds to the wire types of ./types.ts (which is generated and re-exports this file): labels,
// the client's query shape, and the image types the upload form offers.
import { translatedRecord } from './i18n.svelte';
import type { IconName } from '../components/Icon.svelte';
import type { PostSort } from './types';

/** A slug of the board's own statuses (the defaults are open, planned, in_progress, done, declined). */
export type PostStatus = string;
/** A slug of the board's own categories (the defaults are feedback, bug, feature, question). */
export type PostCategory = string;

export interface PostQuery {
  sort?: PostSort;
  status?: PostStatus | '';
  category?: PostCategory | '';
  tag?: string;
  q?: string;
  page?: number;
  per_page?: number;
  /** Leave out closed-kind statuses (the web app's default view). */
  exclude_closed?: boolean;
  /** 'me': only the signed-in viewer's own posts. */
  author?: 'me' | '';
  /** 'me': only the posts the signed-in viewer voted for. */
  voted_by?: 'me' | '';
}

/** The default statuses' names in the current language (a board's own names come with it: boardData.svelte.ts). */
export const STATUS_LABELS: Record<PostStatus, string> = translatedRecord(
  ['open', 'planned', 'in_progress', 'done', 'declined'],
  (s) => `status.${s}`,
);

/** The default categories' names in the current language. */
export const CATEGORY_LABELS: Record<PostCategory, string> = translatedRecord(
  ['feedback', 'bug', 'feature', 'question'],
  (c) => `category.${c}`,
);

/** The default statuses and categories of a new board; a board's own come with it (boardData.svelte.ts). */
export const STATUSES = Object.keys(STATUS_LABELS) as readonly PostStatus[];
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as readonly PostCategory[];

/** The default categories' icons (inline SVG, see Icon.svelte): no emoji, which depend on the visitor's fonts. */
export const CATEGORY_ICONS: Record<PostCategory, IconName> = {
  feedback: 'comment',
  bug: 'bug',
  feature: 'sparkle',
  question: 'question',
};

export const SORT_LABELS: Record<PostSort, string> = translatedRecord<PostSort>(
  ['newest', 'oldest', 'most_votes', 'least_votes', 'recently_updated', 'trending', 'relevance'],
  (s) => `sort.${s}`,
);

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
