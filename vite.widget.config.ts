/** The widget app that the loader opens in an iframe; the server serves dist/widget at /widget/. */
import path from "node:path";
import { defineConfig } from "vite";

export default defineConfig({
  root: path.join(import.meta.dirname, "widget/app"),
  base: "/widget/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: path.join(import.meta.dirname, "dist/widget"),
    emptyOutDir: true,
  },
});
