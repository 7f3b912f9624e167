/**
 * `npm run build`'s last client step: writes FILE.br and FILE.gz beside every compressible file of
 * the built clients, once, at the highest levels (too slow to do per request), for serving.ts.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { clientBuildFolder } from "../paths.js";

const CLIENT_BUILDS = ["console", "widget", "widget-loader"] as const;

/** Text formats; images and fonts that Vite may emit are compressed already. */
const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|txt|map|xml|wasm)$/;

const encodings = [
  {
    extension: ".br",
    compress: promisify(brotliCompress),
    options: { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } },
  },
  { extension: ".gz", compress: promisify(gzip), options: { level: constants.Z_BEST_COMPRESSION } },
];

async function compressFile(file: string): Promise<void> {
  const plain = await readFile(file);
  for (const { extension, compress, options } of encodings) {
    const compressed = await compress(plain, options);
    // Smaller or nothing: without the variant, the plain file is what gets served.
    if (compressed.length < plain.length) await writeFile(file + extension, compressed);
  }
}

const files = [];
for (const build of CLIENT_BUILDS) {
  const folder = path.join(clientBuildFolder, build);
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => {
    throw new Error(`${folder} is missing: build the clients first (npm run build).`);
  });
  for (const entry of entries) {
    if (entry.isFile() && COMPRESSIBLE.test(entry.name)) {
      files.push(path.join(entry.parentPath, entry.name));
    }
  }
}
await Promise.all(files.map(compressFile));
console.log(`compressed ${files.length} built files (.br, .gz)`);
