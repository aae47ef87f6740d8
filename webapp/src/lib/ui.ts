// What the web app adds to the wire types of ./types.ts (which is generated and re-exports this file): labels,
// the client's query shape, and the image types the upload form offers.
import type { PostCategory, PostSort, PostStatus } from './types';

export interface PostQuery {
  sort?: PostSort;
  status?: PostStatus | '';
  category?: PostCategory | '';
  q?: string;
  page?: number;
  per_page?: number;
}

export const STATUS_LABELS: Record<PostStatus, string> = {
  open: 'Open',
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  declined: 'Declined',
};

export const CATEGORY_LABELS: Record<PostCategory, string> = {
  feedback: 'Feedback',
  bug: 'Bug',
  feature: 'Feature',
  question: 'Question',
};

/** Every status and category, in the server's order (the label records must name each one). */
export const STATUSES = Object.keys(STATUS_LABELS) as readonly PostStatus[];
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as readonly PostCategory[];

export const CATEGORY_EMOJI: Record<PostCategory, string> = {
  feedback: '💬',
  bug: '🐛',
  feature: '✨',
  question: '❓',
};

export const SORT_LABELS: Record<PostSort, string> = {
  newest: 'Newest',
  oldest: 'Oldest',
  most_votes: 'Most votes',
  least_votes: 'Fewest votes',
  recently_updated: 'Recently updated',
  relevance: 'Best match',
};

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
