/**
 * The widget scenario: what a company's page and a customer's phone pay for Madoguchi. Sizes are
 * bytes as the built server sends them (gzip, as browsers ask), so they need no quiet machine:
 * the loader (/widget.js), the widget app's document and its files, and the help center's home
 * page as Chromium loads it (every request of the page, on the wire). Then the long tasks (over
 * 50 ms) the loader adds to a host page in Chromium: the same blank page with and without the
 * embed code, several rounds each.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import { chromium } from "playwright-core";
import { startMadoguchi } from "./children.js";

/** Bytes of the body as sent, asking for gzip, and the encoding the server chose. */
async function gzipBytes(url: string): Promise<{ bytes: number; encoding: string | null }> {
  const response = await fetch(url, { headers: { "accept-encoding": "gzip" } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  // fetch decodes the body; the length header (set for static files) is what went on the wire.
  const length = response.headers.get("content-length");
  const decoded = await response.arrayBuffer();
  return {
    bytes: length ? Number(length) : decoded.byteLength,
    encoding: response.headers.get("content-encoding"),
  };
}

/** The widget app: its document and every script and style sheet it names. */
async function widgetAppBytes(base: string, serviceKey: string) {
  const document = await fetch(`${base}/widget/?service=${serviceKey}`).then((r) => r.text());
  const files = [...document.matchAll(/(?:src|href)="(\/widget\/[^"]+\.(?:js|css))"/g)].map(
    (match) => match[1] as string,
  );
  const page = await gzipBytes(`${base}/widget/?service=${serviceKey}`);
  let total = page.bytes;
  let scripts = 0;
  for (const file of files) {
    const sent = await gzipBytes(`${base}${file}`);
    if (sent.encoding !== "gzip") throw new Error(`${file} was not sent gzipped`);
    total += sent.bytes;
    if (file.endsWith(".js")) scripts += sent.bytes;
  }
  return { total, scripts, files: files.length };
}

/** A host page on another origin: a long-task observer first, then (or not) the embed code. */
async function hostPage(base: string, serviceKey: string) {
  const observer = `<script>window.longTasks=[];new PerformanceObserver((list)=>{for(const t of list.getEntries())longTasks.push(t.duration)}).observe({type:"longtask",buffered:true});</script>`;
  const server = createServer((request, response) => {
    const withLoader = request.url?.startsWith("/with");
    const embed = withLoader
      ? `<script src="${base}/widget.js" data-service="${serviceKey}" async></script>`
      : "";
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><html lang="en"><head><title>Shop</title>${observer}</head><body><h1>Shop</h1>${embed}</body></html>`,
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function measureWidget(
  env: Record<string, string>,
  rounds: number,
  log: (line: string) => void,
) {
  const madoguchi = await startMadoguchi(env, { name: "widget" });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const demo = await fetch(`${madoguchi.url}/demo/`).then((r) => r.text());
    const serviceKey = demo.match(/data-service="([^"]+)"/)?.[1];
    if (!serviceKey) throw new Error("the demo page carries no embed code");

    const loader = await gzipBytes(`${madoguchi.url}/widget.js`);
    const app = await widgetAppBytes(madoguchi.url, serviceKey);

    // The help center's home as a phone's browser loads it: every response, headers and body.
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    const sizes: Array<Promise<number>> = [];
    page.on("requestfinished", (request) => {
      sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    });
    await page.goto(`${madoguchi.url}/h/${serviceKey}/`, { waitUntil: "networkidle" });
    const helpCenterBytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
    const helpCenterRequests = sizes.length;
    await context.close();

    log(`widget: long tasks of a host page with and without the loader, ${rounds} rounds`);
    const host = await hostPage(madoguchi.url, serviceKey);
    const tasks = { with: [] as number[], without: [] as number[] };
    try {
      for (let round = 0; round < rounds; round++) {
        for (const kind of ["without", "with"] as const) {
          const visit = await (await browser.newContext()).newPage();
          await visit.goto(`${host.url}/${kind}`, { waitUntil: "load" });
          // The loader's work is done once its launcher is on the page (it waits for idle).
          if (kind === "with")
            await visit.locator("madoguchi-widget").waitFor({ state: "attached" });
          await visit.waitForLoadState("networkidle");
          tasks[kind].push(...((await visit.evaluate("window.longTasks")) as number[]));
          await visit.context().close();
        }
      }
    } finally {
      await host.close();
    }
    const added = tasks.with.length - tasks.without.length;
    return {
      loader_gzip_bytes: loader.bytes,
      app_gzip_bytes: app.total,
      app_script_gzip_bytes: app.scripts,
      app_files: app.files,
      help_center_home_wire_bytes: helpCenterBytes,
      help_center_home_requests: helpCenterRequests,
      long_tasks_with_loader: tasks.with.length,
      long_tasks_without_loader: tasks.without.length,
      longest_task_with_loader_ms: Math.round(Math.max(0, ...tasks.with)),
      long_tasks_added: added,
      rounds,
      bar_loader_lt_3kb: loader.bytes < 3 * 1024,
      bar_app_lt_40kb: app.total < 40 * 1024,
      bar_help_center_lt_30kb: helpCenterBytes < 30 * 1024,
      bar_no_long_task_added: added <= 0,
    };
  } finally {
    await browser.close();
    await madoguchi.stop();
  }
}
