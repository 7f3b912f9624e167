/**
 * Chat history's Export to Excel in a real browser against the built server: the chats the URL's
 * conditions list, with their messages, downloaded as an .xlsx file that is read back here.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../server/db/client.js";
import { createOperator } from "../server/operators/operators.js";
import { addMember, createService } from "../server/services/services.js";
import { buildPastChat } from "../server/test/past-chats.js";
import { ADMIN, launchBrowser } from "./browser.js";
import { freePort, type ServerProcess, startServerProcess } from "./server-process.js";

let dataDir: string;
let server: ServerProcess;
let browser: Browser;

/** Three past chats in a service, written before the server starts (PGlite opens in one
 *  process at a time). */
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-e2e-history-export-"));
  const handle = await openDatabase({ dataDir, databaseUrl: undefined });
  await handle.migrate();
  const { db } = handle;
  const service = await createService(db, {
    name: "Shop",
    chatEnabled: true,
    timeZone: "Asia/Tokyo",
  });
  const admin = await createOperator(db, {
    ...ADMIN,
    name: "Aiko Admin",
    role: "administrator",
  });
  await addMember(db, { operatorId: admin.id, serviceId: service.id });
  const past = (at: string, name: string, messages: string[]) =>
    buildPastChat(db, {
      serviceId: service.id,
      requestedAt: new Date(at),
      customer: { name },
      holders: [admin.id],
      processed: true,
      minutes: 8,
      messages,
    });
  await past("2026-11-20T01:00:00Z", "田中 花子", [
    "customer: 注文した猫の餌がまだ届きません",
    "operator: 確認いたします。少々お待ちください。",
  ]);
  await past("2026-11-21T01:00:00Z", "Jane Smith", ["customer: I would like a refund"]);
  await past("2026-11-22T01:00:00Z", "김민준", ["customer: 환불을 요청합니다"]);
  await handle.close();
  server = await startServerProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

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
  const file = path.join(dataDir, "downloaded.xlsx");
  await download.saveAs(file);

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
