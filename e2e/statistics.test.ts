/**
 * The statistics screen in a real browser against the built server: the figures of the chats
 * written here, counted on the service's clock (Tokyo), its charts drawn (the chart library
 * loaded only on this screen), and a table's export downloaded with the same numbers.
 */
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../server/db/client.js";
import { buildPastChat, type PastChat } from "../server/test/past-chats.js";
import { ADMIN } from "./browser.js";
import { type Records, startWithRecords } from "./records.js";
import type { ServerProcess } from "./server-process.js";

/** Five chats: three answered and rated, one never opened, one opened and never answered; the
 *  second is at 23:30 on 20 November in Tokyo, the third at 00:30 on the 21st (both the 20th in
 *  UTC). A sixth, on the 25th, alone that day: never answered. */
async function pastChats(db: Database, ids: { serviceId: string; adminId: string }) {
  const chat = (at: string, more: Partial<PastChat>) =>
    buildPastChat(db, {
      serviceId: ids.serviceId,
      requestedAt: new Date(at),
      holders: [ids.adminId],
      minutes: 10,
      ...more,
    });
  await chat("2026-11-20T01:00:00Z", { processed: true, rating: 5 });
  await chat("2026-11-20T14:30:00Z", { processed: true, rating: 4 });
  await chat("2026-11-20T15:30:00Z", { processed: true, rating: 5 });
  await chat("2026-11-21T03:00:00Z", { holders: [], minutes: undefined, customerEndedAfter: 2 });
  await chat("2026-11-21T04:00:00Z", { openedAfter: 0.5 });
  await chat("2026-11-25T04:00:00Z", { openedAfter: 0.5 });
  return ids.serviceId;
}

let records: Records<string>;
let server: ServerProcess;
let browser: Browser;
let page: Page;
const scripts: string[] = [];

beforeAll(async () => {
  records = await startWithRecords("Asia/Tokyo", pastChats);
  ({ server, browser } = records);
  page = await (await browser.newContext({ locale: "en-US", acceptDownloads: true })).newPage();
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
});

afterAll(() => records?.close());

const tile = (name: string) =>
  page.locator(".statistics-tiles .tile").filter({ hasText: name }).locator(".tile-figure");

it("loads the chart library only when the statistics screen is opened", async () => {
  await page.goto(`${server.url}/console/history`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("heading", { name: "Chat history" }).waitFor();
  expect(scripts.filter((url) => /Charts|Statistics/.test(url))).toEqual([]);

  await page.getByRole("link", { name: "Statistics" }).click();
  await page.getByRole("heading", { name: "Statistics", level: 1 }).waitFor();
  // The installation's first service by name is the demo one, which has no chats to chart.
  await page.getByRole("button", { name: /Service/ }).click();
  await page.getByRole("option", { name: "Shop" }).click();
  await page.getByRole("button", { name: "Show" }).click();
  await page.getByRole("heading", { name: "By period" }).waitFor();
  expect(scripts.some((url) => /Charts-.*\.js/.test(url))).toBe(true);
});

it("shows the figures of the chats, each day on the service's clock", async () => {
  const query = new URLSearchParams({
    serviceId: records.seeded,
    from: "2026-11-20",
    to: "2026-11-22",
  });
  await page.goto(`${server.url}/console/statistics?${query}`);
  await page.getByRole("heading", { name: "By period" }).waitFor();
  expect(await tile("Requested").textContent()).toBe("5");
  expect(await tile("Processed").textContent()).toBe("3");
  expect(await tile("Abandoned").textContent()).toBe("2");
  expect(await tile("Satisfaction").textContent()).toBe("4.7");
  const periods = page.getByRole("table", { name: "By period" });
  // 20 November in Tokyo holds the chats of 01:00 and 23:30 (UTC: 10:00 and 14:30 of the 20th),
  // the 21st the one at 00:30 and the two unprocessed ones.
  const row = (day: string) => periods.getByRole("row", { name: new RegExp(`^${day}`) });
  expect(await row("Nov 20").getByRole("cell").nth(0).textContent()).toBe("2");
  expect(await row("Nov 21").getByRole("cell").nth(0).textContent()).toBe("3");
  expect(await row("Nov 22").getByRole("cell").nth(0).textContent()).toBe("0");
  // A count opens the history for the same conditions.
  await row("Nov 21").getByRole("link", { name: "1" }).first().waitFor();
});

it("draws each chart, with its figures in a table beside it", async () => {
  const charts = page.locator(".statistics-chart .recharts-wrapper");
  await expect.poll(() => charts.count()).toBe(4);
  // Bars of the period chart: processed on the 20th and 21st, the two lost ones on the 21st.
  await expect
    .poll(() => page.locator(".statistics-chart .recharts-bar-rectangle path").count())
    .toBeGreaterThan(4);
  for (const name of ["By hour of the day", "By weekday", "Satisfaction ratings"]) {
    expect(await page.getByRole("table", { name }).isVisible()).toBe(true);
  }
});

it("exports a table to a file whose cells hold the screen's numbers", async () => {
  const link = page.getByRole("link", { name: "Export “By period” to Excel" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("statistics-periods-2026-11-20-2026-11-22.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0];
  expect(sheet?.getRow(5).getCell(3).value).toBe("Requested");
  const cells = (row: number) =>
    [1, 3, 4, 5].map((column) => sheet?.getRow(row).getCell(column).value);
  expect([cells(6), cells(7), cells(8)]).toEqual([
    ["2026-11-20", 2, 2, 0],
    ["2026-11-21", 3, 1, 2],
    ["2026-11-22", 0, 0, 0],
  ]);
});

it("says so when the URL names a service the operator may not see, and offers the others", async () => {
  const query = new URLSearchParams({
    serviceId: crypto.randomUUID(),
    from: "2026-11-20",
    to: "2026-11-22",
  });
  await page.goto(`${server.url}/console/statistics?${query}`);
  await page.getByRole("alert").getByText("This service does not exist").waitFor();
  await page.getByRole("button", { name: /Service/ }).click();
  await page.getByRole("option", { name: "Shop" }).click();
  await page.getByRole("button", { name: "Show" }).click();
  expect(await tile("Requested").textContent()).toBe("5");
});

it("shows the wait of a period whose chats nobody answered as a dash, without a percentile of nothing", async () => {
  const query = new URLSearchParams({
    serviceId: records.seeded,
    from: "2026-11-25",
    to: "2026-11-25",
  });
  await page.goto(`${server.url}/console/statistics?${query}`);
  await expect.poll(() => tile("Requested").textContent()).toBe("1");
  const firstReply = page.locator(".statistics-tiles .tile").filter({ hasText: "first reply" });
  expect(await firstReply.locator(".tile-figure").textContent()).toBe("—");
  expect(await firstReply.getByText("90% within").count()).toBe(0);
});
