/** What the browser tests share: Debian's Chromium, headless, and the administrator going online. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { freePort, type ServerProcess, startServerProcess } from "./server-process.js";

export const ADMIN = { email: "admin@example.com", password: "e2e-admin-password" };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    // Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Logs in to the console at serverUrl as the administrator and sets the status to online. */
export async function adminGoesOnline(page: Page, serverUrl: string): Promise<void> {
  await page.goto(`${serverUrl}/console/`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await chooseStatus(page, "Online");
}

/** Picks a status in the console's status window (a react-aria select: a button and a list). */
export async function chooseStatus(page: Page, status: "Online" | "On break" | "Offline") {
  const button = page.getByRole("button", { name: /Status/ });
  if ((await button.textContent())?.includes(status)) return;
  // The window shows the choice at once; the server has it (and others see it) once it answers.
  const stored = page.waitForResponse(
    (response) =>
      response.url().endsWith("/api/operators/me/status") && response.request().method() === "PUT",
  );
  await button.click();
  await page.getByRole("option", { name: status, exact: true }).click();
  expect((await stored).ok()).toBe(true);
  await expect.poll(() => button.textContent()).toContain(status);
}

export interface FirstStart {
  server: ServerProcess;
  browser: Browser;
  /** Stops both and removes the installation's files. */
  close(): Promise<void>;
}

/** The built server's first start in a new DATA_DIR (the administrator and the demo service they
 *  are a member of), and a browser to drive it. */
export async function firstStart(): Promise<FirstStart> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-e2e-"));
  const server = await startServerProcess({
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The administrator logged in to the console of a first start, and the demo service (the one
 *  the first start makes) as the API lists it. */
export async function adminWithDemoService(installation: FirstStart) {
  const { browser, server } = installation;
  const admin = await (await browser.newContext({ locale: "en-US" })).newPage();
  await admin.goto(`${server.url}/console/`);
  await admin.getByLabel("Email").fill(ADMIN.email);
  await admin.getByLabel("Password").fill(ADMIN.password);
  await admin.getByRole("button", { name: "Log in" }).click();
  await admin.getByRole("link", { name: "Administration" }).waitFor();
  const listed = await admin.request.get(`${server.url}/api/services`);
  const [service] = (await listed.json()).services as Array<{
    id: string;
    key: string;
    helpCenterUrl: string;
  }>;
  if (!service) throw new Error("the first start made no demo service");
  return { admin, service };
}

/** The operator opens a customer's chat from the chat list (the first one named so) and reads
 *  `text` in its transcript. */
export async function operatorOpensChat(operator: Page, text: string, customer = /Customer/) {
  await operator.getByRole("button", { name: /^Chats/ }).click();
  await operator.getByRole("button", { name: customer }).first().click();
  await operator.getByRole("log").getByText(text).waitFor();
}
