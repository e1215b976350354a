import { msw } from 'msw/vite';
import { defineConfig, type Plugin } from 'vite';

/** The dev server's root URL leads to the demo page. */
const demoAtRoot: Plugin = {
  name: 'punchcard-demo-at-root',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (req.url !== '/') return next();
      res.writeHead(302, { Location: '/demo/' });
      res.end();
    });
  },
};

export default defineConfig(({ command }) => ({
  // The demo page's mock API runs in MSW's service worker; only the dev server needs the worker file.
  plugins: command === 'serve' ? [msw({ mode: 'worker-only' }), demoAtRoot] : [],
  server: {
    open: process.env.CI ? false : '/demo/',
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: 'src/define.ts',
      formats: ['es'],
      fileName: () => 'punchcard.js',
    },
    rolldownOptions: {
      output: {
        // Library mode keeps whitespace by default; the embed ships minified.
        minify: true,
        // The embed is an end product: no annotation or JSDoc comments in what browsers download.
        comments: false,
        // Locale catalogs are loaded on demand: dist/locales/de-<hash>.js …
        chunkFileNames: (chunk) => (/^(de|it|sv)$/.test(chunk.name) ? 'locales/[name]-[hash].js' : 'chunks/[name]-[hash].js'),
      },
    },
  },
}));
