import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextMode, resolveTheme } from '../src/lib/theme';

const script = readFileSync(resolve(process.cwd(), 'src/theme-init.js'), 'utf8');

function runInit(stored: string | null, prefersDark: boolean) {
  localStorage.clear();
  if (stored !== null) localStorage.setItem('rungu-theme', stored);
  vi.stubGlobal('matchMedia', (q: string) => ({ matches: q.includes('dark') && prefersDark, media: q }));
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.className = '';
  new Function(script)();
  return document.documentElement.getAttribute('data-theme');
}

afterEach(() => vi.unstubAllGlobals());

describe('theme-init.js (first paint)', () => {
  it('follows a light OS preference when the stored mode is system', () => {
    expect(runInit('system', false)).toBe('light');
    expect(document.documentElement.classList.contains('light')).toBe(true);
  });

  it('follows a dark OS preference when nothing is stored', () => {
    expect(runInit(null, true)).toBe('dark');
  });

  it('honours an explicit choice over the OS preference', () => {
    expect(runInit('light', true)).toBe('light');
    expect(runInit('dark', false)).toBe('dark');
  });
});

describe('theme cycle', () => {
  it('cycles light → dark → system', () => {
    expect(nextMode('light')).toBe('dark');
    expect(nextMode('dark')).toBe('system');
    expect(nextMode('system')).toBe('light');
  });

  it('resolves system by preference', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
  });
});
