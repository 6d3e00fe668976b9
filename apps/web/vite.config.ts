// Vite build of the web app; in dev, /api goes to the server on 8080 so both share one origin.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Zod and the line that turns its compiled parsers off share one chunk, so the setting is made
        // before any chunk defines a schema (a schema defined first probes eval, which the CSP reports).
        manualChunks: (id) => (/[\\/]node_modules[\\/](?:\.pnpm[\\/])?zod[@\\/]/.test(id) || id.endsWith('/lib/zod-jitless.ts') ? 'zod' : undefined),
      },
    },
  },
});
