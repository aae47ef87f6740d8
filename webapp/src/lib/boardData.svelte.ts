// The statuses, categories and tags of the board being shown, as GET /api/projects/{slug} sends them with the
// board: badges, cards, filters and the roadmap take names, colours and kinds from here instead of fixed lists.
import type { Category, ProjectDetail, Status, Tag } from './types';
import { CATEGORY_EMOJI, CATEGORY_LABELS, STATUS_LABELS } from './ui';

export const boardData = $state<{ slug: string; statuses: Status[]; categories: Category[]; tags: Tag[] }>({
  slug: '',
  statuses: [],
  categories: [],
  tags: [],
});

/** Takes the definitions of a board just read. */
export function setBoard(project: Pick<ProjectDetail, 'slug' | 'statuses' | 'categories' | 'tags'>): void {
  boardData.slug = project.slug;
  boardData.statuses = project.statuses ?? [];
  boardData.categories = project.categories ?? [];
  boardData.tags = project.tags ?? [];
}

export function statusOf(slug: string): Status | undefined {
  return boardData.statuses.find((s) => s.slug === slug);
}

export function statusLabel(slug: string): string {
  return statusOf(slug)?.name ?? STATUS_LABELS[slug] ?? slug;
}

/** The status's colour, or the theme's variable for a default status not (yet) known. */
export function statusColor(slug: string): string {
  return statusOf(slug)?.color ?? `var(--status-${slug})`;
}

/** True for a status of kind closed (declined-like), which the default list view hides. */
export function isClosed(slug: string): boolean {
  const s = statusOf(slug);
  return s ? s.kind === 'closed' : slug === 'declined';
}

export function categoryLabel(slug: string): string {
  return boardData.categories.find((c) => c.slug === slug)?.name ?? CATEGORY_LABELS[slug] ?? slug;
}

export function categoryEmoji(slug: string): string {
  return CATEGORY_EMOJI[slug] ?? '🏷️';
}

export function tagOf(slug: string): Tag {
  return boardData.tags.find((t) => t.slug === slug) ?? { id: slug, slug, name: slug, color: '#6b7280' };
}
