/**
 * The whole first chat in a real browser: the administrator logs in and goes online, a customer
 * opens the demo page and chats through the widget, messages cross both ways live, and a restart
 * of the server keeps the transcript on both sides.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN, adminGoesOnline, launchBrowser } from "./browser.js";
import { freePort, type ServerProcess, startServerProcess } from "./server-process.js";

let browser: Browser;
let server: ServerProcess;
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-e2e-"));
  env = {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  };
  server = await startServerProcess(env);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function widget(page: Page) {
  return page.frameLocator('iframe[title="Chat"]');
}

it("carries a chat from the demo page to the console and back, and keeps it across a restart", async () => {
  const operator = await (await browser.newContext({ locale: "en-US" })).newPage();
  await adminGoesOnline(operator, server.url);

  const customer = await (await browser.newContext({ locale: "en-US" })).newPage();
  await customer.goto(`${server.url}/demo/`);
  await customer.getByRole("button", { name: "Open chat" }).click();
  const chat = widget(customer);
  await chat.getByLabel("I agree to the collection of personal information").check();
  await chat.getByRole("button", { name: "Start chat" }).click();
  await chat.getByText("An operator will be with you shortly").waitFor();

  await chat.getByLabel("Message").fill("Hello, my parcel has not arrived.");
  await chat.getByRole("button", { name: "Send" }).click();

  // The console's chat icon blinks for the new chat; the operator opens it and answers.
  await operator.locator(".blinking").first().waitFor();
  // Read aloud with a pause between the name and the count.
  await operator.getByRole("button", { name: "Chats, 1 new", exact: true }).waitFor();
  await expect.poll(() => operator.title()).toBe("(1) Madoguchi");
  await operator
    .getByRole("button", { name: /Customer/ })
    .first()
    .click();
  const transcript = operator.getByRole("log");
  await transcript.getByText("Hello, my parcel has not arrived.").waitFor();
  await operator.getByLabel("Message").fill("Sorry to hear that. Let me check your order.");
  await operator.getByRole("button", { name: "Send" }).click();

  await chat.getByText("Sorry to hear that. Let me check your order.").waitFor();

  // Restart the server on the same data: the conversation is all there, on both sides.
  await server.stop();
  server = await startServerProcess(env);

  // The widget was open, so it opens again with the reloaded page.
  await customer.reload();
  for (const text of [
    "Hello, my parcel has not arrived.",
    "Sorry to hear that. Let me check your order.",
  ]) {
    await widget(customer).getByText(text).waitFor();
  }

  await operator.reload();
  await operator
    .getByRole("button", { name: /Customer/ })
    .first()
    .click();
  for (const text of [
    "Hello, my parcel has not arrived.",
    "Sorry to hear that. Let me check your order.",
  ]) {
    await operator.getByRole("log").getByText(text).waitFor();
  }

  // Messages still cross live after the restart.
  await widget(customer).getByLabel("Message").fill("Thank you!");
  await widget(customer).getByRole("button", { name: "Send" }).click();
  await operator.getByRole("log").getByText("Thank you!").waitFor();

  // A transcript longer than the pane opens at its newest message after a reload, however the
  // replay and the layout arrive.
  const long = "This is a long message that takes a few lines in the transcript pane. ".repeat(4);
  for (let index = 1; index <= 30; index++) {
    await widget(customer).getByLabel("Message").fill(`${index}: ${long}`);
    await widget(customer).getByRole("button", { name: "Send" }).click();
  }
  await operator.getByRole("log").getByText(`30: ${long.trim()}`).waitFor();
  await operator.reload();
  await operator.getByRole("log").getByText(`30: ${long.trim()}`).waitFor();
  const distanceFromBottom = () =>
    operator
      .getByRole("log")
      .evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight);
  await expect.poll(distanceFromBottom).toBeLessThan(2);
  expect(await operator.getByRole("log").evaluate((log) => log.scrollTop)).toBeGreaterThan(0);
});
