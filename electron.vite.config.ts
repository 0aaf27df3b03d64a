import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for the three Electron processes plus the Node-only entries
// (browser preview) that share the main-process code.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('main/index.ts'),
          preview: resolve('main/preview/index.ts'),
          hub: resolve('main/hub/main.ts'),
          cli: resolve('main/cli/main.ts'),
          city: resolve('main/city/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { kiosk: resolve('preload/kiosk.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    // Relative asset paths: the same files load from app://kiosk/ and from the preview server.
    base: './',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: {
        input: {
          kiosk: resolve('renderer/kiosk/index.html'),
          advisor: resolve('renderer/advisor/index.html'),
          city: resolve('renderer/city/index.html'),
          board: resolve('renderer/board/index.html'),
        },
        // What the pages load in common (React, i18next, the shared components) is one chunk, named for what it is.
        output: { chunkFileNames: 'assets/shared-[hash].js' },
      },
    },
  },
});
