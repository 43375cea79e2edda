import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';
import { stepwisePlotly } from './scripts/plotly-stepwise';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * danfojs' plotting module `require`s plotly.js-dist-min behind a `typeof window` check.
 * Danfo only runs in the data worker, where it never plots, so the require resolves to an
 * empty module instead of shipping a second (and vulnerable, 2.8) Plotly. Our charts use
 * plotly.js-dist directly, loaded lazily on the main thread.
 */
function stubDanfoPlotly(): Plugin {
  const id = '\0danfo-plotly-stub';
  return {
    name: 'stub-danfo-plotly',
    enforce: 'pre',
    resolveId(source) {
      return source === 'plotly.js-dist-min' ? id : null;
    },
    load(source) {
      return source === id ? 'export default {};' : null;
    },
  };
}

/**
 * plotly.js-dist evaluates in one ~1 s main-thread task; rewritten into steps that the loader
 * (src/lib/charts/stepwise.ts) spreads over many short tasks. Anything unexpected in the bundle
 * leaves it untouched, with a warning: the app then works as before, just with the long task.
 */
/** V8's magic comment, see `generateBundle` below. */
const COMPILE_ALL_HINT = '//# allFunctionsCalledOnLoad';

function stepwisePlotlyPlugin(): Plugin {
  return {
    name: 'plotly-stepwise',
    transform: {
      filter: { id: /[\\/]plotly\.js-dist[\\/]plotly\.js$/ },
      async handler(code) {
        const result = await stepwisePlotly(code);
        if (!result.ok) {
          this.warn(`plotly.js-dist left as is, evaluated in one long task: ${result.reason}`);
          return null;
        }
        return { code: result.code, map: null };
      },
    },
    // V8's explicit compile hint: a script that starts with this comment has all its functions
    // compiled eagerly, while it is streamed, off the main thread (Chrome 136+; others ignore
    // it). Without it Plotly's drawing code is compiled lazily, on the main thread, during the
    // first chart: one task of 93–158 ms of CPU; with it 48–55 ms, for ~5 MB more JS heap
    // (measured in Chromium 156; `npm run bench`, phase plotly-load). Only the chunk's first line
    // counts, hence here, after minification.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.moduleIds.some((id) => /[\\/]plotly\.js-dist[\\/]plotly\.js$/.test(id))) {
          chunk.code = `${COMPILE_ALL_HINT}\n${chunk.code}`;
        }
      }
    },
  };
}

export default defineConfig({
  // GitHub Pages serves the app under /<repo>/: the workflow sets BASE_PATH.
  base: process.env.BASE_PATH ?? './',
  plugins: [
    stubDanfoPlotly(),
    stepwisePlotlyPlugin(),
    svelte(),
    VitePWA({
      // Our own service worker (src/sw.ts): the Workbox precache plus the COOP/COEP headers that
      // make the page cross-origin isolated on GitHub Pages, which cannot send headers.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // The user decides when a new deploy takes over (UpdatePrompt.svelte): no chunk of the
      // running version disappears under it.
      registerType: 'prompt',
      injectRegister: null,
      manifest: {
        name: 'Netflow Notebook',
        short_name: 'Netflow',
        description: 'Explore network-connection data and detect anomalies, entirely in your browser.',
        theme_color: '#2f6fde',
        background_color: '#f6f7f9',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // Everything the app can need offline: code, styles, the tfjs .wasm binaries, the sample.
        globPatterns: ['**/*.{js,css,html,wasm,csv,svg,png,webmanifest}'],
        // Plotly alone is ~4.6 MB and the data worker ~4 MB; vite-plugin-pwa fails the build
        // if any file would be skipped for its size, so nothing is silently left out.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        // A classic script: every browser with service workers can start it.
        rollupFormat: 'iife',
      },
    }),
  ],
  resolve: {
    alias: {
      // The CommonJS browser build shares our tfjs (package.json overrides); the default ESM
      // bundle inlines tfjs 3, Plotly 2.8, xlsx and mathjs (DESIGN §4).
      danfojs: here('node_modules/danfojs/dist/danfojs-browser/src/index.js'),
    },
  },
  worker: {
    format: 'es',
    plugins: () => [stubDanfoPlotly()],
    rolldownOptions: {
      output: {
        // The threaded tfjs WASM build starts its pthreads from the *source text* of its
        // Emscripten factory (`factory.toString()` in a blob worker). Compression rewrites that
        // function against its closure (`typeof _scriptDir < "u" && _scriptDir` becomes a bare
        // reference), and every pthread dies with "ReferenceError: e is not defined" once the
        // page is cross-origin isolated (DESIGN §4). Renaming and whitespace removal are safe.
        minify: { compress: false, mangle: true, codegen: true },
      },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 6000,
  },
  // The dev server pre-bundles plotly.js-dist: rewritten there too, so dev loads it the same way.
  optimizeDeps: { rolldownOptions: { plugins: [stepwisePlotlyPlugin()] } },
  server: { port: 5173 },
  preview: { port: 4173 },
});
