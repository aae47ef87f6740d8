export type PostStatus = 'open' | 'planned' | 'in_progress' | 'done' | 'declined';
export type PostCategory = 'feedback' | 'bug' | 'feature' | 'question';
export type PostSort = 'newest' | 'oldest' | 'most_votes' | 'least_votes' | 'recently_updated' | 'relevance';
export type Role = 'admin' | 'member';
export type TokenScope = 'read' | 'write';

export interface Pagination {
  page: number;
  per_page: number;
  total: number;
  total_pages: number;
}

export interface Paged<T> {
  data: T[];
  pagination: Pagination;
}

export interface Project {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  created_at: string;
  post_count: number;
}

export interface Creator {
  id: string;
  name: string | null;
  avatar_url: string | null;
}

export interface PostDetail {
  id: string;
  project_id: string;
  title: string;
  description: string | null;
  status: PostStatus;
  category: PostCategory;
  vote_count: number;
  comment_count: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  done_at: string | null;
  creator: Creator;
  user_voted: boolean;
}

export interface CommentDetail {
  id: string;
  post_id: string;
  parent_id: string | null;
  content: string;
  created_by: string;
  created_at: string;
  edited_at: string | null;
  creator: Creator;
}

export interface Attachment {
  id: string;
  post_id: string;
  filename: string;
  mime: string;
  size: number;
  created_by: string;
  created_at: string;
  url: string;
}

export interface User {
  id: string;
  email: string;
  name: string | null;
  avatar_url: string | null;
  role: Role;
  created_at: string;
  last_login: string | null;
}

export interface Me {
  id: string;
  email: string;
  name: string | null;
  avatar_url: string | null;
  role: Role;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  created_at: string;
  last_used_at: string | null;
  /** null when the token never expires. */
  expires_at?: string | null;
  expired?: boolean;
}

export interface Roadmap {
  planned: PostDetail[];
  planned_total: number;
  in_progress: PostDetail[];
  in_progress_total: number;
  done: PostDetail[];
  done_total: number;
  limit: number;
}

export interface BoardStats {
  total_posts: number;
  by_status: Partial<Record<PostStatus, number>>;
  by_category: Partial<Record<PostCategory, number>>;
  total_votes: number;
  total_comments: number;
}

export interface VoteState {
  voted: boolean;
  vote_count: number;
}

export interface Provider {
  name: string;
  label?: string;
  login_url: string;
}

export interface PostQuery {
  sort?: PostSort;
  status?: PostStatus | '';
  category?: PostCategory | '';
  q?: string;
  page?: number;
  per_page?: number;
}

export const STATUSES: readonly PostStatus[] = ['open', 'planned', 'in_progress', 'done', 'declined'];
export const CATEGORIES: readonly PostCategory[] = ['feedback', 'bug', 'feature', 'question'];

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

/** Server-side limits (rungu-model Limits), checked here too so users see the problem before submitting. */
export const LIMITS = {
  projectName: 100,
  projectDescription: 2000,
  slug: 80,
  title: 200,
  postDescription: 20000,
  comment: 4000,
  searchQuery: 200,
  tokenName: 100,
  userName: 100,
  attachmentBytes: 10 * 1024 * 1024,
  attachmentsPerPost: 20,
} as const;

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
