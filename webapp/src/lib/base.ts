/**
 * The path the server mounted the board under ("" at the root, "/feedback" otherwise). The server writes it
 * into index.html at run time, so the same build works under any mount point.
 */
export function normalizeBase(raw: string | null | undefined): string {
  if (!raw) return '';
  let base = raw.trim();
  // An unreplaced placeholder means the page was not served by rungu-http (e.g. opened from disk).
  if (base === '' || base.includes('%')) return '';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) {
    try {
      base = new URL(base).pathname;
    } catch {
      return '';
    }
  }
  base = base.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  if (base !== '' && !base.startsWith('/')) base = '/' + base;
  return base;
}

export function readBase(doc: Document | undefined = globalThis.document): string {
  const meta = doc?.querySelector('meta[name="rungu-base"]');
  return normalizeBase(meta?.getAttribute('content'));
}

/** Prefixes an app path ("/board/x") with the base. */
export function withBase(base: string, path: string): string {
  return base + (path.startsWith('/') ? path : '/' + path);
}

/** The app path of a location pathname, or null when the pathname lies outside the base. */
export function stripBase(base: string, pathname: string): string | null {
  if (base === '') return pathname || '/';
  if (pathname === base) return '/';
  if (pathname.startsWith(base + '/')) return pathname.slice(base.length);
  return null;
}

/**
 * Resolves a URL the server gave relative to the base (an absolute URL, "/auth/x" or "auth/x") to one the
 * browser can follow.
 */
export function resolveServerUrl(base: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return url;
  if (url.startsWith('/')) {
    return base !== '' && (url === base || url.startsWith(base + '/')) ? url : base + url;
  }
  return withBase(base, url);
}
