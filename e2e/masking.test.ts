/**
 * Personal-data masking in a real browser against the built server: text selected in a message
 * of the chat history's panel is masked after a confirmation, a suggested phone number with one
 * click and its confirmation, and after a reload the mask stays and the original is nowhere on
 * the page.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildPastChat } from "../server/test/past-chats.js";
import { ADMIN } from "./browser.js";
import { type Records, startWithRecords } from "./records.js";
import type { ServerProcess } from "./server-process.js";

let records: Records<string>;
let server: ServerProcess;
let browser: Browser;
let chatId: string;
const card = "4242 4242 4242 4242";
const phone = "090-1234-5678";

beforeAll(async () => {
  records = await startWithRecords("UTC", (db, { serviceId, adminId }) =>
    buildPastChat(db, {
      serviceId,
      requestedAt: new Date("2026-11-20T01:00:00Z"),
      customer: { name: "田中 花子" },
      holders: [adminId],
      processed: true,
      minutes: 8,
      messages: [
        `customer: カード番号は${card}です`,
        `customer: 電話番号は${phone}です`,
        "operator: 確認いたします。",
      ],
    }),
  );
  ({ server, browser, seeded: chatId } = records);
});

afterAll(() => records?.close());

it("masks selected text and a suggested phone number, and the originals are gone after a reload", async () => {
  const page = await (await browser.newContext({ locale: "en-US" })).newPage();
  await page.goto(`${server.url}/console/history/${chatId}`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  const panel = page.getByRole("complementary", { name: "田中 花子" });
  await panel.getByText(`カード番号は${card}です`).waitFor();
  await panel.getByText("Possible personal data in the customer's messages").waitFor();
  if (process.env.SHOTS) {
    await panel.locator(".masking").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${process.env.SHOTS}/masking-en.png` });
  }

  // Select the card number inside its message, as a mouse would.
  await panel
    .locator("[data-mask-message]")
    .filter({ hasText: card })
    .evaluate((body, text) => {
      const node = body.firstChild;
      if (!node?.textContent) throw new Error("no message with the card number");
      const start = node.textContent.indexOf(text);
      const range = body.ownerDocument.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + text.length);
      const selection = body.ownerDocument.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }, card);
  await panel.getByText(`Selected: “${card}”`).waitFor();
  await panel.getByRole("button", { name: "Mask selected text" }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByText("This cannot be undone.", { exact: false }).waitFor();
  await dialog.getByRole("button", { name: "Mask selected text" }).click();
  await panel.getByText(`カード番号は${"•".repeat(card.length)}です`).waitFor();

  // The suggested phone number, with one click and the confirmation.
  const suggestion = panel.getByRole("listitem").filter({ hasText: phone });
  await suggestion.getByRole("button", { name: "Mask" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Mask" }).click();
  await panel.getByText(`電話番号は${"•".repeat(phone.length)}です`).waitFor();

  await page.reload();
  await panel.getByText(`カード番号は${"•".repeat(card.length)}です`).waitFor();
  await panel.getByText(`電話番号は${"•".repeat(phone.length)}です`).waitFor();
  const text = (await page.locator("body").textContent()) ?? "";
  expect(text).not.toContain("4242");
  expect(text).not.toContain("5678");
  expect(await page.content()).not.toContain("4242");
});

it("shows the masking tools in Japanese", async () => {
  const page = await (await browser.newContext({ locale: "ja-JP" })).newPage();
  await page.goto(`${server.url}/console/history/${chatId}`);
  await page.getByLabel("メールアドレス").fill(ADMIN.email);
  await page.getByLabel("パスワード").fill(ADMIN.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.getByText("個人情報のマスク").waitFor();
  await page.getByText("カード番号・電話番号・メールアドレスは見つかりませんでした。").waitFor();
  if (process.env.SHOTS) {
    await page.locator(".masking").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${process.env.SHOTS}/masking-ja.png` });
  }
});
