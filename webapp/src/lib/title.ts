import { t } from './i18n.svelte';

/** The tab title: the given parts (already in the current language), then the product name. */
export function setTitle(...parts: (string | null | undefined)[]): void {
  document.title = [...parts.filter((p): p is string => !!p), t('app.name')].join(' · ');
}
