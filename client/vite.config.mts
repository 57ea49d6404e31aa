import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { ROUTE_PRELOADS_FILE } from '../src/shared/route-preloads.ts';
import { openingScriptsPreload, sharedModules } from './opening-scripts.mts';
import { routePreloads } from './route-preloads.mts';

const clientDir = fileURLToPath(new URL('.', import.meta.url));
const server = process.env.GREENTABLE_API ?? 'http://localhost:3000';
const appFile = fileURLToPath(new URL('./src/App.tsx', import.meta.url));
const mainFile = fileURLToPath(new URL('./src/main.tsx', import.meta.url));

const sharedChunk = sharedModules({
  entry: mainFile,
  app: appFile,
  folders: /client[\\/]src[\\/](components|lib)[\\/]/,
  everyVisit: [fileURLToPath(new URL('./src/realtime/connection.ts', import.meta.url))],
});

export default defineConfig({
  root: clientDir,
  plugins: [
    react(),
    // Which scripts each address needs, so the server can preload them in the page it sends (src/static/client-assets.ts).
    routePreloads(appFile),
    // The scripts the entry imports one step at a time (main.tsx), named in index.html so they download at once.
    openingScriptsPreload(),
    // Text assets are compressed once at build time (brotli at its best level, gzip for older clients) and served
    // as they are by the server (src/static/client-assets.ts), so no request pays for compressing them.
    compression({
      include: /\.(html|css|js|mjs|json|svg|txt|webmanifest)$/,
      // The server reads the route list itself at start; nobody downloads it.
      exclude: [new RegExp(`${ROUTE_PRELOADS_FILE.replaceAll('.', '\\.')}$`)],
      threshold: 1024,
      algorithms: [defineAlgorithm('brotliCompress', { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }), defineAlgorithm('gzip', { level: 9 })],
      logLevel: 'warn',
    }),
  ],
  // The rules the server applies too, in one dependency-free folder (client/tsconfig.json maps the same alias).
  resolve: { alias: { '@shared': fileURLToPath(new URL('../src/shared', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The socket client loads with the first realtime feature (after sign-in), not with the sign-in page.
            {
              name: 'realtime',
              test: /node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io|debug|ms|xmlhttprequest-ssl)[\\/]/,
              priority: 3,
            },
            // ECharts (with zrender) and Papa Parse: only the pages that chart load them, never the first page.
            { name: 'charts', test: /node_modules[\\/](echarts|zrender|papaparse)[\\/]/, priority: 3 },
            // date-fns-tz, which reads a form's wall time in a meeting's zone: only the forms load it (displays use Intl).
            { name: 'dates', test: /node_modules[\\/](date-fns|date-fns-tz)[\\/]/, priority: 3 },
            // Libraries change less often than the app: their own chunks stay cached across releases. React is the
            // step after the entry's own few bytes (main.tsx), the other libraries the next, so neither is evaluated in
            // one long task with the other. Vite's helper for preloading what a dynamic import needs stays in the
            // entry, which uses it for its steps.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2.5 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 2 },
            // The app's frame with the pages it shows itself (`common`, run by every visit), and what the lazy pages share
            // beyond it (`shared`, fetched with the first of them): each one request instead of a dozen tiny ones.
            {
              name: (id, graph) => sharedChunk(id, graph),
              test: /^(?!.*node_modules)/,
              priority: 1,
              // sharedModules has chosen their imports already, leaving out the entry's steps (the language catalogue).
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/socket.io': { target: server, ws: true, changeOrigin: true },
    },
  },
});
