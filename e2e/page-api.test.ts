/**
 * The embed code's attributes and the page API (docs/widget.md) on a company's own site: the
 * launcher alone until the customer clicks, the page opening and closing the widget, prefilling
 * the customer's name and email, hearing the chat's events, and vouching for a logged-in user
 * after the page loaded.
 */
import { createHmac } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { chooseStatus, type FirstStart, operatorOpensChat } from "./browser.js";
import { demoServiceOnSite, type Site } from "./site.js";

let installation: FirstStart;
let site: Site;
let operator: Page;
let serviceId: string;
let close: () => Promise<void>;

/** The page keeps every event of the API in window.heard, in order, as a site's script would. */
const listening = `<script>
  window.heard = [];
  addEventListener("madoguchi:ready", () => {
    for (const name of ["opened", "closed", "chatStarted", "message", "ended"]) {
      Madoguchi.on(name, (detail) => heard.push({ name, author: detail && detail.author }));
    }
  });
</script>`;

beforeAll(async () => {
  let snippet: (attributes?: string) => string;
  let service: { id: string };
  ({ installation, operator, site, service, snippet, close } = await demoServiceOnSite());
  serviceId = service.id;
  const attributes = ` data-position="left" data-color="#0b6e4f" data-launcher-text="Ask us"`;
  site.page("/", { body: `<h1>Shop</h1>${listening}${snippet(attributes)}` });
  site.page("/account.html", { body: `<h1>Account</h1>${listening}${snippet()}` });
});

afterAll(() => close?.());

const widget = (page: Page) => page.frameLocator('iframe[title="Chat"]');
/** The customer consents, starts the chat and writes; the operator finds it by the customer's
 *  name in the chat list and reads it. */
async function startsAndReachesOperator(page: Page, text: string, customer: RegExp) {
  const chat = widget(page);
  await chat.getByLabel("I agree to the collection of personal information").check();
  await chat.getByRole("button", { name: "Start chat" }).click();
  await chat.getByLabel("Message").fill(text);
  await chat.getByRole("button", { name: "Send" }).click();
  await operatorOpensChat(operator, text, customer);
}

const heard = (page: Page) =>
  page.evaluate(
    "heard.map((event) => event.author ? event.name + ':' + event.author : event.name)",
  );

it("adds only the launcher, with the embed code's text, side and colour, until the customer opens it", async () => {
  const page = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  const widgetRequests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/widget/")) widgetRequests.push(request.url());
  });
  await page.goto(`${site.origin}/`);
  const launcher = page.getByRole("button", { name: "Ask us" });
  await launcher.waitFor();
  expect(await launcher.textContent()).toBe("Ask us");
  const box = await launcher.boundingBox();
  expect(box?.x).toBeLessThan(100);
  const background = page.evaluate(
    "getComputedStyle(document.querySelector('madoguchi-widget').shadowRoot.querySelector('button')).backgroundColor",
  );
  expect(await background).toBe("rgb(11, 110, 79)");
  expect(await page.locator("iframe").count()).toBe(0);
  // Nothing of the app is fetched before the customer (or the page) opens it.
  expect(widgetRequests).toEqual([]);

  await page.evaluate("Madoguchi.open()");
  // Nobody is online yet: the no-operator popup, in the frame the page opened.
  await widget(page).getByRole("heading", { name: "No operator available" }).waitFor();
  expect(await page.getByRole("button", { name: "Close chat" }).getAttribute("aria-expanded")).toBe(
    "true",
  );
  await page.evaluate("Madoguchi.close()");
  await page.getByRole("button", { name: "Ask us" }).waitFor();
  expect(await page.locator("iframe").isHidden()).toBe(true);
  expect(await heard(page)).toEqual(["opened", "closed"]);

  // In Japanese from now on: the launcher and a new frame of the app.
  await page.evaluate(`Madoguchi.setLanguage("ja"); Madoguchi.open()`);
  await page.getByRole("button", { name: "チャットを閉じる" }).waitFor();
  await page.frameLocator('iframe[title="チャット"]').locator("html[lang=ja]").waitFor();
  expect(await page.locator("iframe").count()).toBe(1);
});

it("prefills the customer's name and email for the operator, and tells the page of the chat's events", async () => {
  await chooseStatus(operator, "Online");
  const page = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  await page.goto(`${site.origin}/`);
  await page.getByRole("button", { name: "Ask us" }).waitFor();
  await page.evaluate(`Madoguchi.prefill({ name: "Aiko Tanaka", email: "aiko@example.com" })`);
  await page.evaluate("Madoguchi.open()");
  const chat = widget(page);
  await startsAndReachesOperator(page, "Hello from Aiko", /Aiko Tanaka/);
  await operator.getByLabel("Email", { exact: true }).waitFor();
  expect(await operator.getByLabel("Email", { exact: true }).inputValue()).toBe("aiko@example.com");
  await operator.getByLabel("Message").fill("Hello Aiko");
  await operator.getByRole("button", { name: "Send" }).click();
  await chat.getByText("Hello Aiko").waitFor();
  await chat.getByRole("button", { name: "End chat" }).click();
  await chat.getByRole("button", { name: "End chat" }).click();
  await chat.getByText("You ended this chat.").waitFor();

  // The page heard what happened, without the words (the greeting came before the chat was
  // followed, the rest live); the ended chat's system note is a message too.
  await expect
    .poll(() => heard(page))
    .toEqual([
      "opened",
      "chatStarted",
      "message:customer",
      "message:operator",
      "message:system",
      "ended",
    ]);
  expect(await page.evaluate("JSON.stringify(heard)")).not.toContain("Hello");
});

it("lets the page vouch for its logged-in user after it loaded, on a service for logged-in users only", async () => {
  const base = installation.server.url;
  const secret = await operator.request.post(`${base}/api/services/${serviceId}/identity-secret`);
  const { identitySecret } = (await secret.json()) as { identitySecret: string };
  const switched = await operator.request.patch(`${base}/api/services/${serviceId}/embed`, {
    data: { loginRequired: true },
  });
  expect(switched.ok()).toBe(true);

  const page = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  await page.goto(`${site.origin}/account.html`);
  await page.getByRole("button", { name: "Open chat" }).click();
  await widget(page).getByRole("heading", { name: "Please log in" }).waitFor();

  // The site's server signed the user (docs/identity.md); its page hands it over.
  const signature = createHmac("sha256", identitySecret).update("user-7").digest("hex");
  await page.evaluate(
    `Madoguchi.identify({ userId: "user-7", signature: "${signature}", name: "Ken Mori" })`,
  );
  await startsAndReachesOperator(page, "Hello, I logged in", /Ken Mori/);
});
