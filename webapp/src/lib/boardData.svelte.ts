// The statuses, categories and tags of the board being shown, as GET /api/projects/{slug} sends them with the
// board: badges, cards, filters and the roadmap take names, colours and kinds from here instead of fixed lists.
import type { Category, ProjectDetail, Status, Tag } from './types';
import { t } from './i18n.svelte';
import en from './messages/en';
import { CATEGORY_ICONS, CATEGORY_LABELS, STATUS_LABELS } from './ui';
import type { IconName } from '../components/Icon.svelte';

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

/**
 * A default name (the English one a new board starts with, e.g. "In progress" for in_progress) in the current
 * language; a name an admin gave is shown as given.
 */
export function label(kind: 'status' | 'category', slug: string, name: string): string;
export function label(kind: 'status' | 'category', slug: string, name: string | undefined): string | undefined;
export function label(kind: 'status' | 'category', slug: string, name: string | undefined): string | undefined {
  const key = `${kind}.${slug}`;
  return name !== undefined && en[key] === name ? t(key) : name;
}

/** The status's name: the board's own, or the catalogue's while it still has its default name. */
export function statusLabel(slug: string): string {
  return label('status', slug, statusOf(slug)?.name) ?? STATUS_LABELS[slug] ?? slug;
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

/** The category's name: the board's own, or the catalogue's while it still has its default name. */
export function categoryLabel(slug: string): string {
  const name = boardData.categories.find((c) => c.slug === slug)?.name;
  return label('category', slug, name) ?? CATEGORY_LABELS[slug] ?? slug;
}

export function categoryIcon(slug: string): IconName {
  return CATEGORY_ICONS[slug] ?? 'tag';
}

export function tagOf(slug: string): Tag {
  return boardData.tags.find((t) => t.slug === slug) ?? { id: slug, slug, name: slug, color: '#6b7280' };
}
