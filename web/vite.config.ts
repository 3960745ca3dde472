/**
 * The browser app's build: web/ → web/dist, the Worker's static assets (wrangler.toml [assets]).
 * `npm run build:web` runs this through scripts/build-web.ts; `npx vite --config web/vite.config.ts`
 * serves it with hot reload, forwarding API paths to a `wrangler dev` on TSUMUGI_API (default
 * http://127.0.0.1:8787).
 */
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const api = process.env.TSUMUGI_API ?? "http://127.0.0.1:8787";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  publicDir: "public",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    // No inline module preload polyfill: the CSP allows scripts from our own origin only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      "/v1": { target: api, ws: true },
      "/health": api,
      "/openapi.json": api,
      "/docs": api,
    },
  },
});
