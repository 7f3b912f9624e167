/**
 * Service management in a real browser, asserting where each change shows as a customer or an
 * administrator sees it: a new Japanese greeting greets a Japanese customer's next chat (after
 * the service's own consent and privacy link), chat turned off leaves the demo page's widget
 * without chat, and a service created from the console appears in the service choice.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminGoesOnline, type FirstStart, firstStart } from "./browser.js";
import type { ServerProcess } from "./server-process.js";

let browser: Browser;
let server: ServerProcess;
let installation: FirstStart;
let admin: Page;

beforeAll(async () => {
  // A first start: the administrator, and the demo service with them as its operator.
  installation = await firstStart();
  ({ browser, server } = installation);
});

/** The administrator's console, logged in and online (once, inside the first test: it waits
 *  with expect.poll), so that what the widget offers depends on the service's settings alone. */
let online: Promise<void> | null = null;
function adminOnline(): Promise<void> {
  online ??= (async () => {
    admin = await (await browser.newContext({ locale: "en-US" })).newPage();
    await adminGoesOnline(admin, server.url);
  })();
  return online;
}

afterAll(() => installation?.close());

/** The administrator opens one of the demo service's sections from the navigation. */
async function openSection(name: string): Promise<void> {
  await adminOnline();
  await admin.getByRole("link", { name: "Administration" }).click();
  await admin.getByRole("link", { name, exact: true }).click();
  await admin.getByRole("heading", { level: 2, name }).waitFor();
}

async function save(): Promise<void> {
  await admin.getByRole("button", { name: "Save" }).click();
  await admin.getByRole("status").getByText("Saved.").waitFor();
}

/** A customer on the demo page opens the widget, in the browser's language. */
async function customerOpensWidget(locale: string, open: string) {
  const page = await (await browser.newContext({ locale })).newPage();
  await page.goto(`${server.url}/demo/`);
  await page.getByRole("button", { name: open }).click();
  return page.frameLocator("iframe[title]");
}

describe("service management as customers see it", () => {
  it("a new Japanese greeting starts a Japanese customer's next chat, after the service's consent and privacy link", async () => {
    await openSection("Chat texts");
    await admin.getByRole("tab", { name: "日本語" }).click();
    await admin.getByLabel("Greeting").fill("ようこそ！窓口サポートです。");
    await admin.getByLabel("Consent text").fill("回答のため、お名前と会話の内容を取得します。");
    await admin.getByLabel("Privacy policy link").fill("https://example.com/ja/privacy");
    await save();

    const widget = await customerOpensWidget("ja-JP", "チャットを開く");
    await widget.getByText("回答のため、お名前と会話の内容を取得します。").waitFor();
    expect(
      await widget.getByRole("link", { name: "プライバシーポリシー" }).getAttribute("href"),
    ).toBe("https://example.com/ja/privacy");
    await widget.getByLabel("個人情報の収集に同意します").check();
    await widget.getByRole("button", { name: "チャットを開始" }).click();
    await widget.getByText("ようこそ！窓口サポートです。").waitFor();
  });

  it("chat turned off: the demo page's widget offers no chat", async () => {
    await adminOnline();
    // On: the widget offers to start one.
    const before = await customerOpensWidget("en-US", "Open chat");
    await before.getByRole("button", { name: "Start chat" }).waitFor();

    await openSection("Help center settings");
    const offer = admin.getByRole("switch", { name: "Offer chat" });
    expect(await offer.isChecked()).toBe(true);
    await admin.getByText("Offer chat", { exact: true }).click();
    await save();

    const after = await customerOpensWidget("en-US", "Open chat");
    await after.getByText("Chat is not available for this service at the moment.").waitFor();
    expect(await after.getByRole("button", { name: "Start chat" }).count()).toBe(0);
  });
});

describe("services", () => {
  it("a service created from the console appears in the service choice", async () => {
    await adminOnline();
    await admin.getByRole("link", { name: "Administration" }).click();
    await admin.getByRole("link", { name: "Services", exact: true }).click();
    await admin.getByRole("button", { name: "New service" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Second brand");
    await dialog.getByRole("button", { name: "Create" }).click();
    await admin.getByRole("heading", { level: 2, name: "General" }).waitFor();
    const choice = admin.getByRole("button", { name: /Service/ });
    await expect.poll(() => choice.textContent()).toContain("Second brand");
    await choice.click();
    const names = await admin.getByRole("option").allTextContents();
    expect(names).toEqual(["Demo service", "Second brand"]);
    await admin.keyboard.press("Escape");
    // It is in the list of services, with chat off until someone turns it on.
    await admin.getByRole("link", { name: "Services", exact: true }).click();
    const row = admin.getByRole("row", { name: /Second brand/ });
    await row.getByText("Chat off").waitFor();
  });

  it("says the services could not be loaded, not that there are none", async () => {
    await adminOnline();
    const context = await browser.newContext({
      locale: "en-US",
      storageState: await admin.context().storageState(),
    });
    const page = await context.newPage();
    await page.route(
      (url) => url.pathname === "/api/services",
      (route) => route.abort(),
    );
    await page.goto(`${server.url}/console/admin/services`);
    await page.getByText("This list could not be loaded. Reload the page to try again.").waitFor();
    expect(await page.getByText("There is no service yet.").count()).toBe(0);
    await context.close();
  });
});
