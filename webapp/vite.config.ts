import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { precompress } from './precompress.ts';

/** Where Maven picks the build up: the jar's classpath then holds io/rungu/webapp/index.html. */
const outDir = 'target/classes/io/rungu/webapp';
const themeInitSource = 'src/theme-init.js';

/**
 * Emits src/theme-init.js as a hashed asset and points index.html's classic (render-blocking) script at it.
 * Vite only bundles module scripts, and the theme must be applied before first paint, which a module
 * (always deferred) cannot do. The tag is swapped for a marker first so Vite's HTML pass leaves it alone.
 */
function themeInit(): Plugin {
  const tag = `<script src="./${themeInitSource}"></script>`;
  const marker = '<!-- rungu:theme-init -->';
  return {
    name: 'rungu-theme-init',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'asset', name: 'theme-init.js', source: readFileSync(themeInitSource, 'utf8') });
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(tag)) throw new Error(`index.html must load ${themeInitSource} with ${tag}`);
        return html.replace(tag, marker);
      },
    },
    generateBundle: {
      // After vite:build-html has written index.html into the bundle.
      order: 'post',
      handler(_options, bundle) {
        const asset = Object.values(bundle).find(
          (file) => file.type === 'asset' && (file.names?.includes('theme-init.js') || file.name === 'theme-init.js'),
        );
        const page = bundle['index.html'];
        if (!asset || !page || page.type !== 'asset') throw new Error('theme-init.js or index.html missing from the bundle');
        page.source = String(page.source).replace(marker, `<script src="./${asset.fileName}"></script>`);
      },
    },
  };
}

/** The dev server stands in for rungu-http, which replaces %RUNGU_BASE% when it serves index.html. */
function devBase(): Plugin {
  return {
    name: 'rungu-dev-base',
    apply: 'serve',
    transformIndexHtml: { order: 'pre', handler: (html) => html.replaceAll('%RUNGU_BASE%', '') },
  };
}

const devServer = process.env.RUNGU_DEV_SERVER ?? 'http://localhost:7070';

export default defineConfig(({ mode }) => ({
  base: './',
  // Component tests mount into jsdom, so they need Svelte's client build, not its server one.
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  plugins: [svelte(), themeInit(), devBase(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // Keeps every asset a file under assets/: inlined data: URLs would bypass the server's caching.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': devServer, '/auth': devServer },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.ts'],
    // One jsdom per worker instead of one per file: the suite is pure enough, and it runs 3x faster.
    pool: 'threads',
    isolate: false,
  },
}));
