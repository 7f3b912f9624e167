/**
 * Chat history's Export to Excel in a real browser against the built server: the chats the URL's
 * conditions list, with their messages, downloaded as an .xlsx file that is read back here.
 */
import ExcelJS from "exceljs";
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

it("exports the searched chats with their messages, and downloads the file when it is done", async () => {
  const page = await (
    await browser.newContext({ locale: "en-US", acceptDownloads: true })
  ).newPage();
  await page.goto(`${server.url}/console/history?words=${encodeURIComponent("猫")}`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("link", { name: "田中 花子" }).waitFor();

  await page.getByText("With messages").click();
  expect(await page.getByRole("checkbox", { name: "With messages" }).isChecked()).toBe(true);
  await page.getByRole("button", { name: "Export to Excel" }).click();
  const link = page.getByRole("link", { name: "Download the Excel file" });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("chat-history.xlsx");
  // Where the browser put the file (removed with its context).
  const file = await download.path();

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const chats = workbook.getWorksheet("Chats");
  expect(chats?.rowCount).toBe(2);
  expect(chats?.getRow(2).getCell(1).value).toBe("2026-11-20 10:00:00");
  expect(chats?.getRow(2).getCell(4).value).toBe("田中 花子");
  const messages = workbook.getWorksheet("Messages");
  expect(messages?.getRow(2).getCell(5).value).toBe("注文した猫の餌がまだ届きません");
  expect(messages?.getRow(3).getCell(4).value).toBe("Aiko Admin");

  // Closing the finished export deletes it; the button is offered again.
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "Export to Excel" }).waitFor();
});
