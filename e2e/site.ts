/** A company's own site for the browser tests: another web server, on another port and another
 *  host name than Madoguchi's (localhost and 127.0.0.1 are two sites to a browser), whose pages
 *  carry the embed code. */
import { once } from "node:events";
import { createServer } from "node:http";
import { adminWithDemoService, firstStart } from "./browser.js";
import { freePort } from "./server-process.js";

export interface SitePage {
  /** What goes in <body>, the embed code included. */
  body: string;
  /** In <head>: the page's own styles, a meta tag. */
  head?: string;
  headers?: Record<string, string>;
}

export interface Site {
  /** The site's origin, e.g. http://127.0.0.1:40123. */
  origin: string;
  /** Serves `page` at `path` (`/shop.html`) from now on. */
  page(path: string, page: SitePage): void;
  close(): Promise<void>;
}

export async function startSite(madoguchiUrl: string): Promise<Site> {
  const port = await freePort();
  const host = new URL(madoguchiUrl).hostname === "localhost" ? "127.0.0.1" : "localhost";
  const pages = new Map<string, SitePage>();
  const server = createServer((request, response) => {
    const page = pages.get(new URL(request.url ?? "/", "http://site").pathname);
    if (!page) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", ...page.headers });
    response.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${page.head ?? ""}</head><body>${page.body}</body></html>`,
    );
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return {
    origin: `http://${host}:${port}`,
    page: (path, page) => pages.set(path, page),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The service's embed code as the console shows it, for the service with this key. */
export function embedCode(madoguchiUrl: string, serviceKey: string, attributes = ""): string {
  return `<script src="${madoguchiUrl}/widget.js" data-service="${serviceKey}"${attributes} async></script>`;
}

/** A first start, its administrator logged in to the console (the demo service's operator), and
 *  a company site for pages that carry the demo service's embed code. */
export async function demoServiceOnSite() {
  const installation = await firstStart();
  const { admin, service } = await adminWithDemoService(installation);
  const site = await startSite(installation.server.url);
  return {
    installation,
    operator: admin,
    service,
    site,
    snippet: (attributes = "") => embedCode(installation.server.url, service.key, attributes),
    async close() {
      await site.close();
      await installation.close();
    },
  };
}
