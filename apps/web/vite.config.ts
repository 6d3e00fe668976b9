// Vite build of the web app; in dev, /api goes to the server on 8080 so both share one origin.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  // vue-i18n's build flags, which it asks bundlers to set: the app uses the Composition API only and
  // neither its components nor its devtools, so their code is left out of the bundle. The message
  // compiler stays: messages are compiled (to AST, no eval) on first use.
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
  },
  // Zod with its compiled parsers off (src/lib/zod-jitless.ts says why), wherever it is imported.
  resolve: {
    alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/lib/zod-jitless.ts', import.meta.url)) }],
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Zod and the module that turns its compiled parsers off share one chunk.
        manualChunks: (id) => (/[\\/]node_modules[\\/](?:\.pnpm[\\/])?zod[@\\/]/.test(id) || id.endsWith('/lib/zod-jitless.ts') ? 'zod' : undefined),
      },
    },
  },
});
