import { heraldServiceWorker } from "@herald/sdk/build-sw";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The Herald server serves dist/ at "/"; in dev, vite proxies the API (http + WebSocket) to it.
// The SDK's plugin builds its service worker (Web Push, PSH-*) into dist/sw.js and serves it in dev.
export default defineConfig({
  plugins: [react(), heraldServiceWorker()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: { "/api": { target: "http://localhost:8460", ws: true, changeOrigin: true } },
  },
});
