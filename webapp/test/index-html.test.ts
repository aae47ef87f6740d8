import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const html = readFileSync(resolve(process.cwd(), 'index.html'), 'utf8');

describe('index.html (the server fills in %RUNGU_BASE%)', () => {
  it('declares the base for relative asset URLs and for the app', () => {
    expect(html).toContain('<base href="%RUNGU_BASE%/" />');
    expect(html).toContain('<meta name="rungu-base" content="%RUNGU_BASE%" />');
  });

  it('has no inline script, which the content policy would block', () => {
    for (const [, attrs, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(attrs).toMatch(/\ssrc="\.\//);
      expect(body.trim()).toBe('');
    }
  });

  it('loads the theme before first paint with a classic script in <head>', () => {
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toMatch(/<script src="\.\/src\/theme-init\.js"><\/script>/);
  });

  it('refers to no other host', () => {
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });
});
