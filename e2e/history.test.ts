/**
 * Chat history in a real browser against the built server: a URL with search conditions lists
 * the chat that matches and not the others, a reload keeps the conditions, and clicking the chat
 * opens its record with the transcript in a panel beside the list.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
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
  dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-e2e-history-"));
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
});
