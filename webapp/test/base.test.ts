import { describe, expect, it } from 'vitest';
import { normalizeBase, readBase, resolveServerUrl, stripBase, withBase } from '../src/lib/base';
import { hostSignIn, loginUrl, safeRedirect, signInErrorMessage } from '../src/lib/login';
import { matchRoute } from '../src/lib/router.svelte';

function docWithBase(content: string | null): Document {
  const doc = document.implementation.createHTMLDocument('t');
  if (content !== null) {
    const meta = doc.createElement('meta');
    meta.name = 'rungu-base';
    meta.content = content;
    doc.head.append(meta);
  }
  return doc;
}

describe('base path resolution', () => {
  it('reads the base from the rungu-base meta tag', () => {
    expect(readBase(docWithBase(''))).toBe('');
    expect(readBase(docWithBase('/feedback'))).toBe('/feedback');
    expect(readBase(docWithBase('/a/b'))).toBe('/a/b');
  });

  it('treats a missing tag or an unreplaced placeholder as the root', () => {
    expect(readBase(docWithBase(null))).toBe('');
    expect(readBase(docWithBase('%RUNGU_BASE%'))).toBe('');
  });

  it('normalizes slashes and absolute URLs', () => {
    expect(normalizeBase('/feedback/')).toBe('/feedback');
    expect(normalizeBase('feedback')).toBe('/feedback');
    expect(normalizeBase('//a//b/')).toBe('/a/b');
    expect(normalizeBase('/')).toBe('');
    expect(normalizeBase('https://example.com/board/')).toBe('/board');
  });

  it('prefixes and strips the base', () => {
    expect(withBase('', '/')).toBe('/');
    expect(withBase('/feedback', '/')).toBe('/feedback/');
    expect(withBase('/a/b', '/board/x')).toBe('/a/b/board/x');
    expect(stripBase('', '/board/x')).toBe('/board/x');
    expect(stripBase('/feedback', '/feedback')).toBe('/');
    expect(stripBase('/feedback', '/feedback/')).toBe('/');
    expect(stripBase('/feedback', '/feedback/board/x')).toBe('/board/x');
    expect(stripBase('/feedback', '/feedbackx/board')).toBeNull();
    expect(stripBase('/feedback', '/other')).toBeNull();
  });

  it('resolves server-given URLs against the base', () => {
    expect(resolveServerUrl('/feedback', 'https://idp.example/login')).toBe('https://idp.example/login');
    expect(resolveServerUrl('/feedback', '/auth/github/login')).toBe('/feedback/auth/github/login');
    expect(resolveServerUrl('/feedback', '/feedback/auth/github/login')).toBe('/feedback/auth/github/login');
    expect(resolveServerUrl('/feedback', 'auth/github/login')).toBe('/feedback/auth/github/login');
    expect(resolveServerUrl('', '/auth/github/login')).toBe('/auth/github/login');
  });
});

describe('routes', () => {
  it('matches every page', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/authorize')).toEqual({ name: 'authorize' });
    expect(matchRoute('/board/my-app')).toEqual({ name: 'board', slug: 'my-app' });
    expect(matchRoute('/board/my-app/')).toEqual({ name: 'board', slug: 'my-app' });
    expect(matchRoute('/board/my-app/post/p1')).toEqual({ name: 'post', slug: 'my-app', id: 'p1' });
    expect(matchRoute('/board/my-app/roadmap')).toEqual({ name: 'roadmap', slug: 'my-app' });
    expect(matchRoute('/board/my-app/changelog')).toEqual({ name: 'changelog', slug: 'my-app' });
    expect(matchRoute('/admin')).toEqual({ name: 'admin' });
    expect(matchRoute('/admin/audit')).toEqual({ name: 'audit' });
    expect(matchRoute('/admin/webhooks')).toEqual({ name: 'webhooks' });
    expect(matchRoute('/login')).toEqual({ name: 'login' });
    expect(matchRoute('/account')).toEqual({ name: 'account' });
  });

  it('answers not-found for anything else', () => {
    expect(matchRoute('/nope').name).toBe('not-found');
    expect(matchRoute('/board/a/b/c/d').name).toBe('not-found');
    expect(matchRoute('/board/%E0%A4%A').name).toBe('not-found');
    expect(matchRoute(null).name).toBe('not-found');
  });
});

describe('sign-in redirects', () => {
  it('keeps only same-site app paths', () => {
    expect(safeRedirect('/board/x/post/1?sort=oldest')).toBe('/board/x/post/1?sort=oldest');
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect('//evil.example')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect('/login?redirect=/x')).toBe('/');
  });

  it('appends the redirect to the provider URL', () => {
    expect(loginUrl('/feedback/auth/github/login', '/board/x?a=1')).toBe('/feedback/auth/github/login?redirect=%2Fboard%2Fx%3Fa%3D1');
    expect(loginUrl('/auth/oidc/login?x=1', '/')).toBe('/auth/oidc/login?x=1&redirect=%2F');
  });

  it('explains sign-in error codes in words', () => {
    expect(signInErrorMessage('email_unverified')).toMatch(/verified email/);
    expect(signInErrorMessage('link_expired')).toMatch(/expired/);
    expect(signInErrorMessage('something_new')).toMatch(/something_new/);
  });
});

describe('hostSignIn', () => {
  const host = { name: 'host', label: 'your account', login_url: '/app/feedback/auth/host/login' };
  it('goes straight to the host application\'s login when it is the only provider', () => {
    expect(hostSignIn([host])).toBe(host);
    expect(loginUrl(resolveServerUrl('/app/feedback', host.login_url), '/board/x')).toBe(
      '/app/feedback/auth/host/login?redirect=%2Fboard%2Fx',
    );
  });
  it('offers a choice otherwise', () => {
    expect(hostSignIn([])).toBeNull();
    expect(hostSignIn([{ name: 'github', label: 'GitHub', login_url: '/auth/github/login' }])).toBeNull();
    expect(hostSignIn([host, { name: 'github', label: 'GitHub', login_url: '/auth/github/login' }])).toBeNull();
  });
});
