import { t } from './i18n.svelte';

/** A part of the tab title: text, or a function giving it in the current language (so a switch retitles the tab). */
export type TitlePart = string | null | undefined | (() => string);

let current: TitlePart[] = [];

/** The tab title: the given parts, then the product name. */
export function setTitle(...parts: TitlePart[]): void {
  current = parts;
  refreshTitle();
}

/** Writes the title again, in the current language (after a language switch). */
export function refreshTitle(): void {
  const texts = current.map((p) => (typeof p === 'function' ? p() : p));
  document.title = [...texts.filter((p): p is string => !!p), t('app.name')].join(' · ');
}
