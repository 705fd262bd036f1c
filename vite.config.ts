// Browser bundles: every web/<name>/main.ts becomes dist/web/<name>.js (and .css), served at /assets/web/.
// Self-hosted, no CDN; names are stable so pages can link them, and the server revalidates them by ETag.
import { defineConfig } from 'vite';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const entries = Object.fromEntries(
  readdirSync('web', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join('web', d.name, 'main.ts')))
    .map((d) => [d.name, join('web', d.name, 'main.ts')]),
);

export default defineConfig({
  publicDir: false,
  // Files that scripts refer to (the paste's formatting worker) are found next to them, under /assets/web/.
  experimental: { renderBuiltUrl: (_filename, { hostType }) => (hostType === 'js' ? { relative: true } : undefined) },
  // The paste's formatting worker loads highlight.js languages on demand: an ES module worker can split.
  worker: { format: 'es', rollupOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } } },
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    modulePreload: false,
    rollupOptions: {
      input: entries,
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: '[name][extname]' },
    },
  },
});
