/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { graphqlDocuments } from './vite-plugin-graphql-documents.ts';

// The Go server (`convene serve`) embeds dist/ and serves it at /, with
// GraphQL at /graphql on the same origin. In development, `npm run dev`
// proxies /graphql to a locally running server (CONVENE_URL, default :8080).
const backend = process.env.CONVENE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [graphqlDocuments(), react()],
  build: {
    outDir: 'dist',
    // Empties dist/ (including dist/.gitkeep, which scripts/keep-gitkeep.mjs
    // puts back so `go build` always finds the embed directory).
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      '/graphql': { target: backend, ws: true },
      '/export': backend,
      '/calendar': backend,
      '/rsvp': backend,
      '/auth': backend,
    },
  },
  test: {
    // Pure logic runs in Node; component tests opt in with @vitest-environment jsdom.
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // Pin the zone so formatting tests are deterministic on any machine.
    env: { TZ: 'UTC' },
  },
});
