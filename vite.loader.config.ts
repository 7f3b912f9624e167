/** The embed code's script, one small IIFE file that the server serves at /widget.js. */
import path from "node:path";
import { defineConfig } from "vite";

export default defineConfig({
  publicDir: false,
  build: {
    outDir: path.join(import.meta.dirname, "dist/widget-loader"),
    emptyOutDir: true,
    lib: {
      entry: path.join(import.meta.dirname, "widget/loader.ts"),
      formats: ["iife"],
      name: "MadoguchiWidget",
      fileName: () => "widget.js",
    },
  },
});
