import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MIN_BYTES, compressedCopies, precompress } from '../precompress';

const script = Buffer.from('export const board = { posts: [] };\n'.repeat(200));

describe('the pre-compressed copies of the build', () => {
  it('are Brotli and gzip of the same bytes, each kept only when it saves at least a tenth', () => {
    const copies = compressedCopies('assets/index-abc.js', script);
    expect(copies.map((c) => c.suffix)).toEqual(['.br', '.gz']);
    expect(brotliDecompressSync(copies[0].bytes)).toEqual(script);
    expect(gunzipSync(copies[1].bytes)).toEqual(script);
    expect(copies[0].bytes.length).toBeLessThan(copies[1].bytes.length);
  });

  it('skip images, fonts, small files and files that do not shrink', () => {
    expect(compressedCopies('assets/logo.png', script)).toEqual([]);
    expect(compressedCopies('assets/font.woff2', script)).toEqual([]);
    expect(compressedCopies('assets/de.js', Buffer.alloc(MIN_BYTES - 1, 'a'))).toEqual([]);
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + ((i * i) % 251)) % 256));
    expect(compressedCopies('assets/noise.js', random).length).toBeLessThan(2);
  });

  it('are written beside each file of the bundle, except index.html, which the server fills in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rungu-precompress-'));
    writeFileSync(join(dir, 'app.js'), script);
    writeFileSync(join(dir, 'index.html'), `<!doctype html>${'<p>%RUNGU_BASE%</p>'.repeat(200)}`);
    const hook = precompress().writeBundle as (options: { dir: string }, bundle: Record<string, unknown>) => void;
    hook({ dir }, { 'app.js': {}, 'index.html': {} });
    expect(readdirSync(dir).sort()).toEqual(['app.js', 'app.js.br', 'app.js.gz', 'index.html']);
    expect(gunzipSync(readFileSync(join(dir, 'app.js.gz')))).toEqual(script);
  });
});
