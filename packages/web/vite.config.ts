import { heraldServiceWorker } from "@herald/sdk/build-sw";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";

// Core's message parser (markdown-it and what it needs) is a third of the app's script: one chunk of its own, so
// the first screen (the room list) loads it only when a room's messages show. Only the modules that need the
// parser: the light parts of core they import (names, keywords) stay where the first screen can have them.
const MARKDOWN = {
  name: "markdown",
  test: /node_modules[\\/](markdown-it|entities|linkify-it|mdurl|uc\.micro|punycode)[\\/]|packages[\\/]core[\\/]src[\\/](markdown|autolink|notice)\.ts$|packages[\\/]sdk[\\/]src[\\/]banner-plain\.ts$/,
  includeDependenciesRecursively: false,
};

// The Herald server serves dist/ at "/"; in dev, vite proxies the API (http + WebSocket) to it.
// The SDK's plugin builds its service worker (Web Push, PSH-*) into dist/sw.js and serves it in dev.
// compression(): a brotli and a gzip copy of every asset next to it, which the server sends to browsers that
// accept them (@fastify/static's preCompressed) — compressed once at build, never per request.
export default defineConfig({
  plugins: [
    react(),
    heraldServiceWorker(),
    compression({ algorithms: ["gzip", "brotliCompress"], threshold: 1024 }),
  ],
  // No source maps: they would publish the source of the app to anyone (SECURITY.md).
  // No modulepreload polyfill: every browser the app supports preloads modules itself, and the polyfill
  // would be half a kilobyte of the first load for none of them.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
    rolldownOptions: { output: { codeSplitting: { groups: [MARKDOWN] } } },
  },
  server: {
    port: 5173,
    proxy: { "/api": { target: "http://localhost:8460", ws: true, changeOrigin: true } },
  },
});
