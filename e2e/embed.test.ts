/**
 * Chat → embed code in a real browser: the administrator copies the snippet onto a site of their
 * own (a second web server, on another port), limits the allowed origins to it, and a page of the
 * same site on another origin is refused with the reason in its console, even when it frames the
 * widget without the loader; the allowed origin chats. Then logged-in users only: the widget asks
 * an anonymous visitor to log in, and a user the site signed for starts a chat.
 */
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN, adminGoesOnline, launchBrowser } from "./browser.js";
import { freePort, type ServerProcess, startServerProcess } from "./server-process.js";

let browser: Browser;
let server: ServerProcess;
let dataDir: string;
let site: Server;
let sitePort: number;
/** What the site's pages carry: the embed code as pasted, with the user when one is logged in. */
let pageBody = "";

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-e2e-embed-"));
  server = await startServerProcess({
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  // The company's own site: another web server, reached as localhost and as 127.0.0.1, which
  // browsers treat as two origins.
  sitePort = await freePort();
  site = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><title>Shop</title><h1>Shop</h1>${pageBody}`);
  });
  site.listen(sitePort, "127.0.0.1");
  await once(site, "listening");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  site?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The browser's console errors of a page, as the site's owner would read them. */
function consoleErrors(page: Page): () => string {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return () => errors.join("\n");
}

/** A customer on a page of the site opens the chat, consents, starts it and writes. */
async function customerWrites(pageUrl: string, text: string): Promise<void> {
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(pageUrl);
  await customer.getByRole("button", { name: "Open chat" }).click();
  const chat = customer.frameLocator('iframe[title="Chat"]');
  await chat.getByLabel("I agree to the collection of personal information").check();
  await chat.getByRole("button", { name: "Start chat" }).click();
  await chat.getByLabel("Message").fill(text);
  await chat.getByRole("button", { name: "Send" }).click();
}

let admin: Page;
let snippet: string;

it("copies the embed code, and an origin list set refuses another origin and serves the allowed one", async () => {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  admin = await context.newPage();
  await adminGoesOnline(admin, server.url);
  await admin.getByRole("link", { name: "Administration" }).click();
  await admin.getByRole("link", { name: "Embed code" }).click();
  await admin.getByRole("heading", { name: "Embed code" }).waitFor();
  await admin.getByRole("button", { name: "Copy" }).click();
  await admin.getByText("Copied to the clipboard.").waitFor();
  // A string, since the e2e types have no DOM.
  snippet = String(await admin.evaluate("navigator.clipboard.readText()"));
  expect(snippet).toMatch(
    new RegExp(`^<script src="${server.url}/widget.js" data-service="[\\w-]+" async></script>$`),
  );
  pageBody = snippet;

  const allowed = `http://localhost:${sitePort}`;
  const other = `http://127.0.0.1:${sitePort}`;
  await admin.getByLabel("Site origin").fill(`${allowed}/shop.html`);
  await admin.getByRole("button", { name: "Add" }).click();
  await admin.getByText("Leave out the path").waitFor();
  await admin.getByLabel("Site origin").fill(allowed);
  await admin.getByRole("button", { name: "Add" }).click();
  await admin.getByRole("list", { name: "Allowed origins" }).getByText(allowed).waitFor();
  await admin.getByRole("button", { name: "Save" }).click();
  await admin.getByText("Saved.").waitFor();

  // A page of the same site on the other origin: no chat icon, and the console says why.
  const refused = await (await browser.newContext()).newPage();
  const errors = consoleErrors(refused);
  await refused.goto(`${other}/shop.html`);
  await expect.poll(errors).toContain(`pages on ${other} may not carry this service's chat`);
  expect(errors()).toContain(`add ${other} to the service's allowed origins`);
  expect(await refused.getByRole("button", { name: "Open chat" }).count()).toBe(0);

  // The same page framing the widget without the loader gets an empty frame: the browser
  // enforces the list, whatever the page claims.
  const key = snippet.match(/data-service="([^"]+)"/)?.[1] ?? "";
  const widgetUrl = `${server.url}/widget/?service=${key}`;
  await refused.evaluate(
    `document.body.append(Object.assign(document.createElement("iframe"), { src: "${widgetUrl}" }))`,
  );
  await expect.poll(errors).toContain(`frame-ancestors 'self' ${allowed}`);
  expect(await refused.frameLocator("iframe").getByText("Before we start").count()).toBe(0);

  // The allowed origin: the chat works, and reaches the operator.
  await customerWrites(`${allowed}/shop.html`, "Hello from the allowed shop");
  await admin.getByRole("button", { name: /^Chats/ }).click();
  await admin
    .getByRole("button", { name: /Customer/ })
    .first()
    .click();
  await admin.getByRole("log").getByText("Hello from the allowed shop").waitFor();
});

it("asks a visitor the site did not vouch for to log in there, and chats with a signed user", async () => {
  await admin.getByRole("link", { name: "Administration" }).click();
  await admin.getByRole("link", { name: "Logged-in users only" }).click();
  await admin.getByText("No secret has been created yet.").waitFor();
  await admin.getByRole("button", { name: "Create secret" }).click();
  const shown = admin.getByRole("figure", { name: "New identity secret" });
  const secret = ((await shown.textContent()) ?? "").match(/[0-9a-f]{64}/)?.[0] ?? "";
  expect(secret).not.toBe("");
  const loginOnly = admin.getByRole("switch", { name: "Chat for logged-in users only" });
  await admin.getByText("Chat for logged-in users only").click();
  expect(await loginOnly.isChecked()).toBe(true);
  await admin.getByRole("button", { name: "Save" }).click();
  await admin.getByText("Saved.").waitFor();
  // Shown once: after a reload the secret is gone from the screen.
  await admin.reload();
  await admin.getByText("The current secret was created on", { exact: false }).waitFor();
  expect(await admin.getByText(secret).count()).toBe(0);

  const allowed = `http://localhost:${sitePort}`;
  const anonymous = await (await browser.newContext()).newPage();
  const errors = consoleErrors(anonymous);
  await anonymous.goto(`${allowed}/shop.html`);
  await anonymous.getByRole("button", { name: "Open chat" }).click();
  const notice = anonymous.frameLocator('iframe[title="Chat"]');
  await notice.getByRole("heading", { name: "Please log in" }).waitFor();
  await expect.poll(errors).toContain("offers chat to logged-in users only");

  // The site's server signs its logged-in user, as docs/identity.md shows.
  const signature = createHmac("sha256", secret).update("user-42").digest("hex");
  pageBody = snippet.replace(
    " async>",
    ` data-user-id="user-42" data-user-signature="${signature}" data-user-name="Hana Sato" async>`,
  );
  await customerWrites(`${allowed}/shop.html`, "Hello, I am logged in");
  await admin.getByRole("button", { name: /^Chats/ }).click();
  await admin.getByRole("button", { name: /Hana Sato/ }).click();
  await admin.getByRole("log").getByText("Hello, I am logged in").waitFor();
});

it("selects the embed code and says how to copy it when the browser refuses the clipboard", async () => {
  const context = await browser.newContext();
  // A browser that refuses, as one does without permission or on a page served over plain HTTP.
  await context.addInitScript(
    "navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'))",
  );
  const page = await context.newPage();
  await page.goto(`${server.url}/console/`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("link", { name: "Administration" }).click();
  await page.getByRole("link", { name: "Embed code" }).click();
  await page.getByRole("button", { name: "Copy" }).click();
  await page.getByText("The browser did not allow copying.", { exact: false }).waitFor();
  expect(await page.evaluate("getSelection().toString()")).toBe(snippet);
});
