/** The operator console, a React single-page app; the server serves dist/console at /console/. */
import path from "node:path";
import optimizeLocales from "@react-aria/optimize-locales-plugin";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { languages } from "./shared/languages.js";

export default defineConfig({
  root: path.join(import.meta.dirname, "console"),
  base: "/console/",
  // react-aria carries its texts in 34 languages; the console needs its own three.
  plugins: [react(), optimizeLocales.vite({ locales: [...languages] })],
  build: {
    outDir: path.join(import.meta.dirname, "dist/console"),
    emptyOutDir: true,
    // The bar is 300 KB of JavaScript gzip on first load (ARCHITECTURE.md); Vite's 500 KB warning
    // counts minified bytes, which React and react-aria pass together. Screens to come (history,
    // statistics) load lazily and stay out of this chunk.
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npx vite --config vite.console.config.ts` against a running server on :3000.
    proxy: { "/api": "http://127.0.0.1:3000", "/ws": { target: "ws://127.0.0.1:3000", ws: true } },
  },
});
