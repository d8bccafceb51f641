/**
 * The dashboard build: `npx vite build --config dashboard/vite.config.ts` → dist/dashboard, served by
 * the realtime server. No React plugin: esbuild compiles JSX with the automatic runtime.
 * ECharts (with zrender) is its own chunk, loaded only by chart panels and the tablet.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const devServer = process.env.IOC_DEV_SERVER;

export default defineConfig({
  root,
  base: '/',
  // public/: the tablet's service worker (tablet-sw.js), copied as is to the root of the build.
  publicDir: 'public',
  esbuild: { jsx: 'automatic', jsxImportSource: 'react' },
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Fonts stay files (woff2), never inlined into CSS.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (/[\\/]node_modules[\\/](echarts|zrender|tslib)[\\/]/.test(id)) return 'echarts';
          if (/[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
  // Development: `IOC_DEV_SERVER=<address of a running server> npx vite --config dashboard/vite.config.ts`.
  server: devServer ? { proxy: { '/api': devServer, '/socket.io': { target: devServer, ws: true } } } : {},
});
