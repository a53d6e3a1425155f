/**
 * Builds the web UI: root ui/, output ui/dist (served statically by the server, which falls back to index.html).
 * In development `vite --config ui/vite.config.ts` proxies /api to a running server (DABIR_API, default :3000).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': process.env.DABIR_API ?? 'http://127.0.0.1:3000' },
  },
});
