/**
 * How the built clients (dist/console, dist/widget, dist/widget-loader) are served: the .br or .gz
 * written beside each file at build (compress-cli.ts) to a client that accepts it, and a
 * Cache-Control that matches how the file is named.
 */
import path from "node:path";
import type { FastifyStaticOptions } from "@fastify/static";

/** Vite names every file it puts in assets/ after a hash of its content (`index-C6Lobp1j.js`):
 *  a new build gets new names, so these may be kept for a year without asking again. */
export const HASHED_FILE_CACHE = "public, max-age=31536000, immutable";

/** Everything else (index.html above all, which names the current hashed files) is revalidated
 *  on every use: its ETag makes that a 304 when nothing changed. */
export const UNHASHED_FILE_CACHE = "no-cache";

export const builtFileServing = {
  preCompressed: true,
  // Cache-Control is ours (below), not @fastify/send's default `public, max-age=0`.
  cacheControl: false,
  setHeaders(reply, filePath) {
    const hashed = path.basename(path.dirname(filePath)) === "assets";
    // A route that chose its own lifetime before sendFile (the loader at /widget.js) keeps it.
    if (hashed) reply.header("cache-control", HASHED_FILE_CACHE);
    else if (!reply.hasHeader("cache-control")) reply.header("cache-control", UNHASHED_FILE_CACHE);
  },
} satisfies Partial<FastifyStaticOptions>;
