import { readBase, stripBase, withBase } from './base';

export type Route =
  | { name: 'home' }
  | { name: 'board'; slug: string }
  | { name: 'post'; slug: string; id: string }
  | { name: 'roadmap'; slug: string }
  | { name: 'changelog'; slug: string }
  | { name: 'admin' }
  | { name: 'audit' }
  | { name: 'webhooks' }
  | { name: 'login' }
  | { name: 'account' }
  | { name: 'widget-sign-in' }
  | { name: 'authorize' }
  | { name: 'not-found' };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Matches an app path (the part after the base, without query) to a route. */
export function matchRoute(path: string | null): Route {
  if (path === null) return { name: 'not-found' };
  const parts = path.split('/').filter((p) => p !== '');
  const segs = parts.map(decode);
  if (segs.some((s) => s === null)) return { name: 'not-found' };
  const [a, b, c, d] = segs as string[];
  switch (segs.length) {
    case 0:
      return { name: 'home' };
    case 1:
      if (a === 'admin') return { name: 'admin' };
      if (a === 'login') return { name: 'login' };
      if (a === 'account') return { name: 'account' };
      if (a === 'widget-sign-in') return { name: 'widget-sign-in' };
      if (a === 'authorize') return { name: 'authorize' };
      break;
    case 2:
      if (a === 'board') return { name: 'board', slug: b };
      if (a === 'admin' && b === 'audit') return { name: 'audit' };
      if (a === 'admin' && b === 'webhooks') return { name: 'webhooks' };
      break;
    case 3:
      if (a === 'board' && c === 'roadmap') return { name: 'roadmap', slug: b };
      if (a === 'board' && c === 'changelog') return { name: 'changelog', slug: b };
      break;
    case 4:
      if (a === 'board' && c === 'post') return { name: 'post', slug: b, id: d };
      break;
  }
  return { name: 'not-found' };
}

/** Paths under the base that the server answers itself; links to them must load as pages. */
const SERVER_PATHS = /^\/(api|auth|assets|feeds|oauth|mcp|\.well-known)(\/|$)/;

class Router {
  readonly base: string;
  path = $state('/');
  search = $state('');
  route: Route = $derived(matchRoute(this.path));
  /** True when the current page was reached by Back/Forward or a "back to the list" link: lists restore their place. */
  restoring = false;

  constructor(base: string) {
    this.base = base;
    if (typeof location !== 'undefined') this.sync();
  }

  /** Follows the browser to another history entry (Back, Forward). */
  popped(): void {
    this.restoring = true;
    this.sync();
  }

  sync(): void {
    this.path = stripBase(this.base, location.pathname) ?? '\u0000outside';
    this.search = location.search;
  }

  /** The browser URL of an app path ("/board/x?y=1" → "/feedback/board/x?y=1"). */
  url(path: string): string {
    return withBase(this.base, path);
  }

  /** The current app path with its query, as a `redirect` target. */
  here(): string {
    return (this.path.startsWith('/') ? this.path : '/') + this.search;
  }

  query(): URLSearchParams {
    return new URLSearchParams(this.search);
  }

  navigate(path: string, opts: { replace?: boolean; keepScroll?: boolean; restore?: boolean } = {}): void {
    const target = this.url(path);
    if (opts.replace) history.replaceState(history.state, '', target);
    else {
      // The page being left keeps its scroll position in its history entry, for Back.
      history.replaceState({ ...(history.state ?? {}), scrollY: window.scrollY }, '');
      history.pushState(null, '', target);
      this.restoring = !!opts.restore;
    }
    const samePage = stripBase(this.base, location.pathname) === this.path;
    this.sync();
    if (!opts.replace && !opts.keepScroll && !samePage) window.scrollTo(0, 0);
  }

  /** Replaces the query of the current page without a history entry. */
  setQuery(params: Record<string, string | number | undefined | null>): void {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    this.navigate(this.path + (s ? `?${s}` : ''), { replace: true });
  }

  /** App path a click on this anchor should route to, or null when the browser should handle it. */
  appPathOf(anchor: HTMLAnchorElement, event: MouseEvent): string | null {
    if (event.defaultPrevented || event.button !== 0) return null;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
    if (anchor.hasAttribute('download') || anchor.getAttribute('rel')?.includes('external')) return null;
    if (anchor.target && anchor.target !== '_self') return null;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin) return null;
    const path = stripBase(this.base, url.pathname);
    if (path === null || SERVER_PATHS.test(path)) return null;
    return path + url.search + url.hash;
  }
}

export const router = new Router(readBase());
