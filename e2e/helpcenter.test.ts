/**
 * The help center in a real browser (issue 14): an administrator writes a FAQ entry in the
 * console, a Japanese customer reads it and finds it by searching, a customer without JavaScript
 * does the same, and the chat launcher is there while the service offers chat and gone when not,
 * also on a service that lists the sites allowed to carry its chat.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminWithDemoService, chooseStatus, type FirstStart, firstStart } from "./browser.js";
import type { ServerProcess } from "./server-process.js";

let browser: Browser;
let server: ServerProcess;
let installation: FirstStart;
let admin: Page;
let helpCenterUrl: string;

beforeAll(async () => {
  installation = await firstStart();
  ({ browser, server } = installation);
  const signedIn = await adminWithDemoService(installation);
  admin = signedIn.admin;
  const { service } = signedIn;
  // The demo service speaks English and Japanese, and allows only another site to carry its
  // chat: the help center is its own, and may.
  helpCenterUrl = service.helpCenterUrl;
  for (const [path, data] of [
    ["", { languages: ["en", "ja"] }],
    ["/embed", { allowedOrigins: ["https://shop.example"] }],
  ] as const) {
    const changed = await admin.request.patch(`${server.url}/api/services/${service.id}${path}`, {
      data,
    });
    expect(changed.status()).toBe(200);
  }
});

afterAll(() => installation?.close());

async function openSection(name: string): Promise<void> {
  await admin.getByRole("link", { name: "Administration" }).click();
  await admin.getByRole("link", { name, exact: true }).click();
  await admin.getByRole("heading", { level: 2, name }).waitFor();
}

async function customerPage(options: { locale: string; javaScriptEnabled?: boolean }) {
  return (await browser.newContext(options)).newPage();
}

describe("the help center", () => {
  it("shows a FAQ entry an administrator adds, in the customer's language, and its search finds it", async () => {
    await openSection("Help center FAQ");
    await admin.getByText("No questions yet.", { exact: false }).waitFor();
    await admin.getByRole("button", { name: "Add a question" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByLabel("Question").fill("When does my order arrive?");
    await dialog.getByLabel("Answer").fill("Within **3 days** of your payment.");
    await dialog.getByRole("tab", { name: /日本語/ }).click();
    await dialog.getByLabel("Question").fill("注文した商品はいつ届きますか？");
    await dialog.getByLabel("Answer").fill("お支払いから**3日以内**に配送します。");
    await dialog.getByRole("button", { name: "Add question" }).click();
    await admin.getByText("When does my order arrive?").waitFor();

    const customer = await customerPage({ locale: "ja-JP" });
    await customer.goto(helpCenterUrl);
    await customer.getByRole("link", { name: "注文した商品はいつ届きますか？" }).click();
    await customer
      .getByRole("heading", { level: 1, name: "注文した商品はいつ届きますか？" })
      .waitFor();
    expect(await customer.locator(".answer strong").textContent()).toBe("3日以内");

    await customer.getByLabel("よくある質問を検索").fill("配送");
    await customer.getByLabel("よくある質問を検索").press("Enter");
    await customer.getByText("「配送」に一致する質問が 1 件あります。").waitFor();
    await customer.getByRole("link", { name: /注文した商品はいつ届きますか？/ }).waitFor();
  });

  it("works with JavaScript disabled: the list, a question's page and the search", async () => {
    const customer = await customerPage({ locale: "en-US", javaScriptEnabled: false });
    await customer.goto(helpCenterUrl);
    await customer.getByRole("link", { name: "When does my order arrive?" }).click();
    await customer.getByRole("heading", { level: 1, name: "When does my order arrive?" }).waitFor();
    await customer.getByLabel("Search the questions").fill("payment");
    await customer.getByRole("button", { name: "Search" }).click();
    await customer.getByText("1 question matches “payment”.").waitFor();
    await customer.getByLabel("Search the questions").fill("refund");
    await customer.getByRole("button", { name: "Search" }).click();
    await customer.getByText("Nothing found for “refund”.").waitFor();
    await customer.getByRole("link", { name: "All questions" }).click();
    await customer.getByRole("link", { name: "日本語" }).click();
    await customer.getByRole("link", { name: "注文した商品はいつ届きますか？" }).waitFor();
  });

  it("reorders the questions by keyboard, as customers then read them", async () => {
    const [service] = (await (await admin.request.get(`${server.url}/api/services`)).json())
      .services as Array<{ id: string }>;
    const added = await admin.request.post(
      `${server.url}/api/services/${service?.id}/help-center/faq-entries`,
      { data: { published: true, texts: { en: { title: "Can I pay by card?", answer: "Yes." } } } },
    );
    expect(added.status()).toBe(201);
    await openSection("Help center FAQ");
    const down = admin.getByRole("button", { name: "Move “When does my order arrive?” down" });
    await down.focus();
    await admin.keyboard.press("Enter");
    // The keyboard stays with the question it moved: now last, only "up" is left to press.
    const up = admin.getByRole("button", { name: "Move “When does my order arrive?” up" });
    await expect
      .poll(() => up.evaluate((button) => button.ownerDocument.activeElement === button))
      .toBe(true);

    const customer = await customerPage({ locale: "en-US" });
    await customer.goto(helpCenterUrl);
    expect(await customer.locator(".list a").allTextContents()).toEqual([
      "Can I pay by card?",
      "When does my order arrive?",
    ]);
  });

  it("carries the chat launcher while the service offers chat, and not once chat is off", async () => {
    // An operator online: the chat window offers to start a chat.
    await chooseStatus(admin, "Online");
    const on = await customerPage({ locale: "ja-JP" });
    await on.goto(helpCenterUrl);
    // The launcher shows only after the server said this page may carry the chat.
    await on.getByRole("button", { name: "チャットを開く" }).click();
    await on
      .frameLocator("iframe[title]")
      .getByRole("button", { name: "チャットを開始" })
      .waitFor();

    await openSection("Help center settings");
    await admin.getByText("Offer chat", { exact: true }).click();
    await admin.getByRole("button", { name: "Save" }).click();
    await admin.getByRole("status").getByText("Saved.").waitFor();

    const off = await customerPage({ locale: "ja-JP" });
    await off.goto(helpCenterUrl);
    await off.getByRole("heading", { level: 1 }).waitFor();
    // The page is the server's, whole: without the loader nothing can add a launcher later.
    expect(await off.locator('script[src*="widget.js"]').count()).toBe(0);
    expect(await off.locator("madoguchi-widget").count()).toBe(0);
  });
});
