/**
 * Short messages about an action's outcome ("Status saved.", "Could not vote: …"), shown by the one Toasts
 * component in an aria-live region, so a screen reader hears them without the focus moving.
 */
export interface Toast {
  id: number;
  text: string;
  kind: 'success' | 'error';
}

/** How long a toast stays: errors longer, since they may need reading twice. */
export const TOAST_MS = { success: 4000, error: 8000 } as const;

/** At most this many toasts at once; the oldest goes first. */
export const MAX_TOASTS = 3;

export const toasts = $state<Toast[]>([]);

let next = 1;

/** Shows a toast; it goes by itself after {@link TOAST_MS}, or when dismissed. Returns its id. */
export function toast(text: string, kind: Toast['kind'] = 'success'): number {
  const id = next++;
  toasts.push({ id, text, kind });
  while (toasts.length > MAX_TOASTS) toasts.shift();
  setTimeout(() => dismiss(id), TOAST_MS[kind]);
  return id;
}

export function dismiss(id: number): void {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}
