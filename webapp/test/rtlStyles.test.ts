import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The styles of the app's frame and pages (components/ are checked as they are converted: add them here). */
const FILES = [
  'src/app.css',
  'src/App.svelte',
  'src/components/Nav.svelte',
  'src/components/Footer.svelte',
  'src/components/ThemeToggle.svelte',
  ...readdirSync(resolve(process.cwd(), 'src/pages')).map((f) => `src/pages/${f}`),
];

/** Left and right in CSS: these do not mirror in a right-to-left language. */
const PHYSICAL = /(?:^|[\s;{])(?:(?:margin|padding|border)-(?:left|right)(?:-\w+)?|left|right|float|clear)\s*:|text-align\s*:\s*(?:left|right)/m;

function styles(file: string): string {
  const text = readFileSync(resolve(process.cwd(), file), 'utf8');
  if (file.endsWith('.css')) return text;
  return [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
}

describe('styles for right-to-left languages', () => {
  it.each(FILES)('%s uses logical properties, not left and right', (file) => {
    const offending = styles(file)
      .split('\n')
      .filter((line) => PHYSICAL.test(line));
    expect(offending).toEqual([]);
  });
});
