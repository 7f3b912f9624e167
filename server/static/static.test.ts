import { existsSync, readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientBuildFolder } from "../paths.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { HASHED_FILE_CACHE, UNHASHED_FILE_CACHE } from "./serving.js";

/** The one file of a built client's assets/ with this extension (Vite names it after its hash). */
function hashedFile(build: string, extension: string): string {
  const folder = path.join(clientBuildFolder, build, "assets");
  if (!existsSync(folder)) throw new Error(`${folder} is missing: run npm run build first.`);
  const name = readdirSync(folder).find((file) => file.endsWith(extension));
  if (!name) throw new Error(`no ${extension} in ${folder}`);
  return `${build}/assets/${name}`;
}

const consoleScript = hashedFile("console", ".js");
const widgetScript = hashedFile("widget", ".js");
const widgetStyles = hashedFile("widget", ".css");

const builtFiles = [
  { url: "/console/", file: "console/index.html", type: "text/html", cache: UNHASHED_FILE_CACHE },
  { url: `/${consoleScript}`, file: consoleScript, type: "javascript", cache: HASHED_FILE_CACHE },
  // Its frame-ancestors follow the service's allowed origins: never kept, so a change holds at once.
  { url: "/widget/", file: "widget/index.html", type: "text/html", cache: "no-store" },
  { url: `/${widgetScript}`, file: widgetScript, type: "javascript", cache: HASHED_FILE_CACHE },
  { url: `/${widgetStyles}`, file: widgetStyles, type: "text/css", cache: HASHED_FILE_CACHE },
  // The embed code names /widget.js on every company's site: it cannot change its name, so it
  // is cached briefly rather than revalidated on every page view.
  {
    url: "/widget.js",
    file: "widget-loader/widget.js",
    type: "javascript",
    cache: "public, max-age=300",
  },
];

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode). */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on("error", reject);
      })
        .on("error", reject)
        .end();
    },
  );
}

const decoders: Record<string, (body: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("the built clients' files", () => {
  describe.each(builtFiles)("$url", ({ url, file, type, cache }) => {
    const plain = readFileSync(path.join(clientBuildFolder, file));

    it.each([
      { accepts: "gzip, deflate, br, zstd", encoding: "br" },
      { accepts: "gzip", encoding: "gzip" },
    ])(
      "goes out as $encoding, made at build, to a client that accepts $accepts",
      async ({ accepts, encoding }) => {
        const response = await get(server.url + url, { "accept-encoding": accepts });
        expect(response.headers["content-encoding"]).toBe(encoding);
        expect(response.headers.vary).toMatch(/accept-encoding/i);
        expect(response.headers["content-type"]).toContain(type);
        expect(response.headers["cache-control"]).toBe(cache);
        expect(response.body.length).toBeLessThan(plain.length);
        expect(decoders[encoding]?.(response.body).equals(plain)).toBe(true);
      },
    );

    it("goes out as it is to a client that accepts no compression", async () => {
      const response = await get(server.url + url, {});
      expect(response.headers["content-encoding"]).toBeUndefined();
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.headers["content-type"]).toContain(type);
      expect(response.headers["cache-control"]).toBe(cache);
      expect(response.body.equals(plain)).toBe(true);
    });
  });
});

describe("a console file that is not there", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("is a 404, not the console's page (a page of an older build asking for its script)", async () => {
    const response = await fetch(`${server.url}/console/assets/index-0ld8u1ld.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).not.toMatch(/text\/html/);
    // Any other path is still a screen of the console.
    const screen = await fetch(`${server.url}/console/history`);
    expect(screen.headers.get("content-type")).toMatch(/text\/html/);
  });
});
