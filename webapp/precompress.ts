import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** Below this a compressed copy saves too little to be worth a file in the jar. */
export const MIN_BYTES = 1024;

/** The compressed copies of one file that are worth keeping: each must be at most 90% of the original. */
export function compressedCopies(name: string, bytes: Buffer): { suffix: '.br' | '.gz'; bytes: Buffer }[] {
  if (!COMPRESSIBLE.test(name) || bytes.length < MIN_BYTES) return [];
  const copies = [
    {
      suffix: '.br' as const,
      bytes: brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
    },
    { suffix: '.gz' as const, bytes: gzipSync(bytes, { level: 9 }) },
  ];
  return copies.filter((c) => c.bytes.length <= bytes.length * 0.9);
}

/**
 * Writes name.br and name.gz beside each compressible file of the build, so rungu-http sends them to a browser
 * that accepts them (Content-Encoding, Vary: Accept-Encoding) without compressing on every request.
 * index.html is left out: the server fills the base path into it, so it is compressed when sent.
 */
export function precompress(): Plugin {
  return {
    name: 'rungu-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      for (const fileName of Object.keys(bundle)) {
        if (fileName === 'index.html') continue;
        const path = join(dir, fileName);
        for (const copy of compressedCopies(fileName, readFileSync(path))) writeFileSync(path + copy.suffix, copy.bytes);
      }
    },
  };
}
