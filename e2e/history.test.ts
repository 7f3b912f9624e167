/**
 * Chat history in a real browser against the built server: a URL with search conditions lists
 * the chat that matches and not the others, a reload keeps the conditions, and clicking the chat
 * opens its record with the transcript in a panel beside the list.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN } from "./browser.js";
import { type Records, startWithRecords, threePastChats } from "./records.js";
import type { ServerProcess } from "./server-process.js";

let records: Records<void>;
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  records = await startWithRecords("Asia/Tokyo", threePastChats);
  ({ server, browser } = records);
});

afterAll(() => records?.close());

it("lists what a URL's conditions find, keeps them on reload, opens a chat's transcript and saves a correction", async () => {
  const page = await (await browser.newContext({ locale: "en-US" })).newPage();
  const url = `${server.url}/console/history?words=${encodeURIComponent("猫")}&status=processed`;
  await page.goto(url);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();

  const rows = page.locator(".history-table tbody tr");
  await page.getByRole("link", { name: "田中 花子" }).waitFor();
  expect(await rows.count()).toBe(1);
  await expect.poll(() => page.locator(".history-table").textContent()).not.toContain("Jane");
  expect(await page.getByLabel("Words in the conversation").inputValue()).toBe("猫");

  await page.reload();
  await page.getByRole("link", { name: "田中 花子" }).waitFor();
  expect(await rows.count()).toBe(1);
  expect(await page.getByLabel("Words in the conversation").inputValue()).toBe("猫");

  await page.getByRole("link", { name: "田中 花子" }).click();
  const panel = page.getByRole("complementary", { name: "田中 花子" });
  await panel.getByText("注文した猫の餌がまだ届きません").waitFor();
  await panel.getByText("確認いたします。少々お待ちください。").waitFor();
  expect(new URL(page.url()).search).toContain("words=");

  // The record is corrected here after the chat ended: the list shows the saved name.
  await panel.getByLabel("Name").fill("田中 花子（会員）");
  await panel.getByRole("button", { name: "Save" }).click();
  await page.getByRole("link", { name: "田中 花子（会員）" }).waitFor();

  // A search typed in the form goes into the URL, and finds the Korean chat only.
  await page.getByLabel("Words in the conversation").fill("환불");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "김민준" }).waitFor();
  await expect.poll(() => rows.count()).toBe(1);
  expect(decodeURIComponent(page.url())).toContain("words=환불");
  // One form, holding the new search (the old one once stayed beside it).
  const forms = page.getByRole("form", { name: "Search conditions" });
  expect(await forms.count()).toBe(1);
  expect(await forms.getByLabel("Words in the conversation").inputValue()).toBe("환불");
});
