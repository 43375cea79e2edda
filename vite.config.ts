import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

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

export default defineConfig({
  // GitHub Pages serves the app under /<repo>/: the workflow sets BASE_PATH.
  base: process.env.BASE_PATH ?? './',
  plugins: [stubDanfoPlotly(), svelte()],
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
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 6000,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
