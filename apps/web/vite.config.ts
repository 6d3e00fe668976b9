// Vite build of the web app; in dev, /api goes to the server on 8080 so both share one origin.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';

/**
 * Marks the chunks every page loads at start (the entry and what it imports statically) with V8's
 * explicit compile hint: their functions are compiled as the file streams in, on a background thread,
 * instead of one by one on the page's thread when first called — on a first visit, with no code cache,
 * that compiling was most of the app's start.
 */
function compileStartChunksEagerly(): Plugin {
  return {
    name: 'dondoc-compile-start-chunks-eagerly',
    apply: 'build',
    // Once written: the hint must be the file's first line, and minifying drops comments and Vite
    // puts its own lines first.
    async writeBundle(options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const start = new Set<string>();
      const visit = (fileName: string): void => {
        if (start.has(fileName)) return;
        start.add(fileName);
        for (const imported of chunks.find((c) => c.fileName === fileName)?.imports ?? []) visit(imported);
      };
      for (const entry of chunks.filter((c) => c.isEntry)) visit(entry.fileName);
      for (const fileName of start) {
        const path = join(options.dir ?? 'dist', fileName);
        await writeFile(path, `//# allFunctionsCalledOnLoad\n${await readFile(path, 'utf8')}`);
      }
    },
  };
}

export default defineConfig({
  plugins: [vue(), compileStartChunksEagerly()],
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
