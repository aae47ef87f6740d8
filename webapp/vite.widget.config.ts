import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

/**
 * The embeddable widget (src/widget/widget.ts) as one classic script, target/classes/io/rungu/webapp/widget.js,
 * served at <base>/widget.js. Runs after the app's build (which empties the directory). An IIFE without a name:
 * it declares no global, only the <rungu-feedback> custom element.
 */
export default defineConfig({
  publicDir: false,
  plugins: [precompress()],
  build: {
    outDir: 'target/classes/io/rungu/webapp',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    copyPublicDir: false,
    rollupOptions: {
      input: 'src/widget/widget.ts',
      output: { format: 'iife', entryFileNames: 'widget.js' },
    },
  },
});
