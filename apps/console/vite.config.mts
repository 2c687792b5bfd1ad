import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * The console builds to dist/console, which the API serves at `/`. No plugin is needed: Vite's own
 * transform compiles TSX with React's automatic runtime; the build is all there is (no dev server in CI).
 */
const here = dirname(fileURLToPath(import.meta.url));

/**
 * The offline dossier check (verify.html) must run from a saved copy with the network off, where a browser loads
 * no module script from a file:// URL: its one chunk is written into the page itself and dropped from the assets.
 * The API serves that page with a Content-Security-Policy naming the inline script's hash (serve-console.ts).
 */
function inlineVerifyPage(): Plugin {
  return {
    name: 'bangfu-inline-verify-page',
    transformIndexHtml: {
      order: 'post',
      handler(html, { filename, chunk, bundle }) {
        if (!filename.endsWith('verify.html') || !chunk || !bundle) return html;
        if (chunk.imports.length > 0) throw new Error(`verify.html must be one chunk; it imports ${chunk.imports.join(', ')}`);
        const tag = `<script type="module" crossorigin src="/${chunk.fileName}"></script>`;
        if (!html.includes(tag)) throw new Error(`verify.html does not load ${chunk.fileName} as expected`);
        delete bundle[chunk.fileName];
        return html.replace(tag, () => `<script type="module">${chunk.code.replace(/<\/script/gi, '<\\/script')}</script>`);
      },
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [inlineVerifyPage()],
  build: {
    outDir: resolve(here, '../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Every browser a county office runs preloads modules itself; without the polyfill the verify page is one chunk.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rolldownOptions: {
      input: { index: resolve(here, 'index.html'), verify: resolve(here, 'verify.html') },
      // Ant Design marks its modules "use client" for React Server Components; a browser bundle has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
