/** A one-time message for the next page, e.g. "merged into this post" after a redirect. */
let pending: string | null = null;

/** Keeps `text` for the next page that asks. */
export function setNotice(text: string): void {
  pending = text;
}

/** The kept message, once; null when there is none. */
export function takeNotice(): string | null {
  const text = pending;
  pending = null;
  return text;
}
