/**
 * The operator's workspace in a real browser: two customers at once in the list (name, last
 * message, wait, unread), customer and inquiry info filled, saved and there after a reload (a
 * draft even before the save), the unsaved-change guard on switching chats, End, Transfer, a
 * header link, the back button and leaving the page (beforeunload), a
 * colleague's conflicting save shown and resolved both ways, Create ticket and the chat's link to
 * it, a canned response by its shortcut, the composer's text kept per chat, the transfer menu
 * with each colleague's load, and desktop notifications while the tab is hidden (the Notification
 * API stubbed in the page to observe it).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createCannedResponse } from "../server/canned-responses/canned-responses.js";
import { createProcessingType } from "../server/categories/categories.js";
import { findOperatorByEmail } from "../server/operators/operators.js";
import { findServiceIdByKey, loadService } from "../server/services/services.js";
import { embedCode } from "../server/widget/embed-code.js";
import type { ChatListResponse } from "../shared/api.js";
import type { ChatSummary } from "../shared/chat.js";
import { ADMIN, launchBrowser } from "./browser.js";
import { type Installation, seedInstallation } from "./seed.js";
import { freePort, type ServerProcess, startServerProcess } from "./server-process.js";

let browser: Browser;
let server: ServerProcess;
let installation: Installation;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-e2e-"));
  const port = String(await freePort());
  const admin = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
  // The first start creates the administrator; then two operators of a service with categories
  // Orders › Late delivery and Billing, and the canned response /refund.
  server = await startServerProcess({ DATA_DIR: dataDir, PORT: port, ...admin });
  await server.stop();
  installation = await seedInstallation({
    dataDir,
    databaseUrl: undefined,
    port: Number(port),
    operators: 2,
  });
  await installation.read(async (db) => {
    const administrator = await findOperatorByEmail(db, ADMIN.email);
    const serviceId = await findServiceIdByKey(db, installation.serviceKey);
    const service = serviceId ? await loadService(db, serviceId) : null;
    if (!administrator || !service) throw new Error("the seed made no service");
    const orders = await createProcessingType(db, service, { names: { en: "Orders" } }, null);
    await createProcessingType(
      db,
      service,
      { parentId: orders.id, names: { en: "Late delivery" } },
      null,
    );
    await createProcessingType(db, service, { names: { en: "Billing" } }, null);
    await createCannedResponse(db, {
      actorId: administrator.id,
      serviceId: service.id,
      input: {
        title: "Refund policy",
        shortcut: "/refund",
        texts: [{ language: "en", text: "You can have a refund within 30 days." }],
      },
    });
  });
  server = await startServerProcess({ ...installation.env, ...admin });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** In the operator's page: Notification records what it is asked to show, and the tab is hidden
 *  while window.hidden says so (Chromium's own tab is never hidden headless). */
const observeNotifications = `
  window.shown = [];
  window.hidden = false;
  Object.defineProperty(Document.prototype, "visibilityState", {
    configurable: true,
    get() { return window.hidden ? "hidden" : "visible"; },
  });
  window.Notification = class {
    // As a browser keeps it: the answer outlives a reload.
    static get permission() { return sessionStorage.getItem("permission") ?? "default"; }
    static async requestPermission() { sessionStorage.setItem("permission", "granted"); return "granted"; }
    constructor(title, options) { window.shown.push({ title, body: options?.body ?? "" }); }
  };
`;

const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate(`window.hidden = ${hidden}; document.dispatchEvent(new Event("visibilitychange"))`);
const shown = (page: Page) => page.evaluate("window.shown") as Promise<{ title: string }[]>;

async function operatorConsole(account: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ locale: "en-US" })).newPage();
  await page.addInitScript({ content: observeNotifications });
  await page.goto(`${server.url}/console/`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page
    .getByRole("button", { name: /Status/ })
    .getByText("Online")
    .waitFor();
  return page;
}

/** A customer on the service's site asks for a chat and writes; the page stays to write more. */
async function customerWrites(text: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: "en-US" })).newPage();
  const site = `${server.url}/shop.html`;
  await page.route(site, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Shop</title>${embedCode(server.url, installation.serviceKey)}`,
    }),
  );
  await page.goto(site);
  await page.getByRole("button", { name: "Open chat" }).click();
  const chat = page.frameLocator('iframe[title="Chat"]');
  await chat.getByLabel("I agree to the collection of personal information").check();
  await chat.getByRole("button", { name: "Start chat" }).click();
  await say(page, text);
  return page;
}

async function say(customer: Page, text: string) {
  const chat = customer.frameLocator('iframe[title="Chat"]');
  await chat.getByLabel("Message").fill(text);
  await chat.getByRole("button", { name: "Send" }).click();
  await chat.getByText(text).waitFor();
}

/** The chat whose list entry shows this text, as the operator's API lists it. */
async function chatSaying(page: Page, chatId: string): Promise<ChatSummary> {
  const response = await page.request.get(`${server.url}/api/chats`);
  const { chats } = (await response.json()) as ChatListResponse;
  const chat = chats.find((candidate) => candidate.id === chatId);
  if (!chat) throw new Error(`chat ${chatId} is not listed`);
  return chat;
}

const chatIdOf = (page: Page) => page.url().split("/").at(-1) as string;
const entry = (page: Page, text: string) =>
  page.getByRole("navigation", { name: "Chats" }).getByRole("button", { name: new RegExp(text) });

/** The processing type's level (1, 2…): a react-aria select; picks the option by name. */
async function chooseType(page: Page, level: number, name: string) {
  await page
    .locator(".type-level")
    .nth(level - 1)
    .getByRole("button")
    .click();
  await page.getByRole("option", { name, exact: true }).click();
}

it("serves two customers at once: info saved past a reload, guarded, a conflict resolved, a canned response, the load of colleagues and notifications", async () => {
  const [first, second] = installation.operators as [
    Installation["operators"][number],
    Installation["operators"][number],
  ];
  const operator = await operatorConsole(first);
  // Desktop notifications only once the operator asks for them.
  expect(await operator.evaluate("Notification.permission")).toBe("default");
  await operator.getByRole("button", { name: "Allow desktop notifications" }).click();
  await operator.getByRole("button", { name: "Allow desktop notifications" }).waitFor({
    state: "detached",
  });

  // Two customers; the second arrives while the console's tab is hidden.
  const late = await customerWrites("My order is late");
  await entry(operator, "My order is late").waitFor();
  await setHidden(operator, true);
  await customerWrites("I was charged twice");
  await expect
    .poll(() => shown(operator))
    .toContainEqual({ title: expect.stringMatching(/^New chat: Customer /), body: "" });
  await expect.poll(() => operator.title()).toMatch(/^\(2\) Madoguchi$/);
  await setHidden(operator, false);
  // Both wait, oldest first, each with its last message and its unread count.
  const waiting = operator.getByRole("list", { name: /Waiting/ }).getByRole("button");
  await expect
    .poll(() => waiting.allTextContents())
    .toEqual([
      expect.stringMatching(/My order is late.*1 unread/),
      expect.stringMatching(/I was charged twice.*1 unread/),
    ]);

  // Customer and inquiry info, typed: a reload keeps the draft.
  await entry(operator, "My order is late").click();
  await operator.getByRole("log").getByText("My order is late").waitFor();
  const lateChat = chatIdOf(operator);
  await operator.getByLabel("Name").fill("Hana Sato");
  await operator.getByLabel("Email").fill("hana@example");
  await operator.getByLabel("Notes").fill("Order 1234");
  await chooseType(operator, 1, "Orders");
  await chooseType(operator, 2, "Late delivery");
  await operator.reload();
  await expect.poll(() => operator.getByLabel("Name").inputValue()).toBe("Hana Sato");
  await operator.getByText("Unsaved changes").waitFor();
  // Saved only when right: the email is refused in the operator's words.
  await operator.getByRole("button", { name: "Save", exact: true }).click();
  await operator.getByText("This is not in the expected format.").waitFor();
  await operator.getByLabel("Email").fill("hana@example.com");
  await operator.getByRole("button", { name: "Save", exact: true }).click();
  await operator.getByText("Saved.").waitFor();
  await operator.reload();
  await expect.poll(() => operator.getByLabel("Notes").inputValue()).toBe("Order 1234");
  await operator.locator(".type-level").nth(1).getByText("Late delivery").waitFor();
  const saved = await chatSaying(operator, lateChat);
  expect(saved.customer).toMatchObject({
    name: "Hana Sato",
    email: "hana@example.com",
    notes: "Order 1234",
  });
  expect(saved.processingTypeId).not.toBeNull();
  await entry(operator, "Hana Sato").waitFor();

  // Switching chats with unsaved info asks: Stay keeps the chat, Discard drops the change.
  await operator.getByLabel("Notes").fill("Order 1234, call back");
  await entry(operator, "I was charged twice").click();
  const guard = operator.getByRole("alertdialog", { name: "Save your changes?" });
  await guard.getByRole("button", { name: "Stay" }).click();
  expect(chatIdOf(operator)).toBe(lateChat);
  await entry(operator, "I was charged twice").click();
  await guard.getByRole("button", { name: "Discard" }).click();
  await operator.getByRole("log").getByText("I was charged twice").waitFor();
  // The composer's text stays with its chat.
  await operator.getByLabel("Message").fill("Let me check the payment");
  await entry(operator, "Hana Sato").click();
  await expect.poll(() => operator.getByLabel("Notes").inputValue()).toBe("Order 1234");
  await entry(operator, "I was charged twice").click();
  await expect
    .poll(() => operator.getByLabel("Message").inputValue())
    .toBe("Let me check the payment");
  await entry(operator, "Hana Sato").click();
  // Typed once the chat is on screen: a switch renders as a transition, and text typed before it
  // lands in the previous chat's draft (CI once had End then find nothing unsaved).
  await expect.poll(() => entry(operator, "Hana Sato").getAttribute("aria-current")).toBe("page");

  // End with unsaved info asks first; Save saves, then End asks as always.
  await operator.getByLabel("Notes").fill("Wants a refund");
  await operator.getByRole("button", { name: "End chat" }).click();
  await guard.getByRole("button", { name: "Save" }).click();
  const end = operator.getByRole("alertdialog", { name: "End this chat?" });
  await end.getByRole("button", { name: "Cancel" }).click();
  await expect
    .poll(async () => (await chatSaying(operator, lateChat)).customer.notes)
    .toBe("Wants a refund");

  // A header link or the back button with unsaved info asks too; Stay keeps the chat and the text.
  await operator.getByLabel("Notes").fill("Wants a refund by card");
  await operator
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "History" })
    .click();
  await guard.getByRole("button", { name: "Stay" }).click();
  expect(chatIdOf(operator)).toBe(lateChat);
  await operator.goBack();
  await guard.getByRole("button", { name: "Stay" }).click();
  await expect.poll(() => chatIdOf(operator)).toBe(lateChat);
  expect(await operator.getByLabel("Notes").inputValue()).toBe("Wants a refund by card");
  // Leaving the page asks the browser first (beforeunload); dismissed, the page stays.
  const leaving = new Promise<string>((resolve) =>
    operator.once("dialog", (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    }),
  );
  await operator.close({ runBeforeUnload: true });
  expect(await leaving).toBe("beforeunload");
  // Save from the guard: saved, and the link goes on to History.
  await operator
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "History" })
    .click();
  await guard.getByRole("button", { name: "Save" }).click();
  await operator.waitForURL(/\/console\/history/);
  await expect
    .poll(async () => (await chatSaying(operator, lateChat)).customer.notes)
    .toBe("Wants a refund by card");
  await operator.goBack();
  await operator.getByRole("log").getByText("My order is late").waitFor();

  // A colleague (the administrator, over the API) saves while the operator types.
  const administrator = await (await browser.newContext()).request;
  await administrator.post(`${server.url}/api/auth/login`, { data: ADMIN });
  const colleagueSaves = async (name: string) => {
    const current = await chatSaying(operator, lateChat);
    const response = await administrator.put(`${server.url}/api/chats/${lateChat}/info`, {
      data: {
        customer: { ...current.customer, name },
        inquiry: { version: current.version, processingTypeId: current.processingTypeId },
      },
    });
    expect(response.status()).toBe(200);
  };
  const conflict = operator.getByRole("alert").filter({ hasText: "saved this chat's info" });
  await operator.getByLabel("Name").fill("H. Sato");
  await colleagueSaves("Hana S.");
  await operator.getByRole("button", { name: "Save", exact: true }).click();
  await conflict.getByRole("row", { name: "Name Hana S. H. Sato" }).waitFor();
  await conflict.getByRole("button", { name: "Take theirs" }).click();
  await expect.poll(() => operator.getByLabel("Name").inputValue()).toBe("Hana S.");
  // Once more, and this time the operator's value is kept over the colleague's.
  await operator.getByLabel("Name").fill("H. Sato");
  await colleagueSaves("Hana Satō");
  await operator.getByRole("button", { name: "Save", exact: true }).click();
  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await operator.getByText("Saved.").waitFor();
  expect((await chatSaying(operator, lateChat)).customer.name).toBe("H. Sato");

  // Create ticket: the chat links to its one ticket from then on, after a reload too.
  await operator.getByRole("button", { name: "Create ticket" }).click();
  const ticketLink = operator.getByRole("link", { name: /^Ticket #\d+$/ });
  await ticketLink.waitFor();
  const ticket = (await chatSaying(operator, lateChat)).ticket;
  expect(await ticketLink.getAttribute("href")).toBe(`/console/tickets/${ticket?.id}`);

  // The service's canned responses after a reload: when they cannot be fetched the picker says
  // so, and while they are held back that they are loading (not that there are none).
  const cannedList = (url: URL) => /^\/api\/services\/[^/]+\/canned-responses$/.test(url.pathname);
  await operator.route(cannedList, (route) => route.abort());
  await operator.reload();
  await operator.getByRole("button", { name: "Canned responses" }).click();
  await operator.getByText("The canned responses could not be loaded. Reload the page").waitFor();
  await operator.unroute(cannedList);
  let releaseCanned = () => {};
  const cannedHeld = new Promise<void>((resolve) => {
    releaseCanned = resolve;
  });
  await operator.route(cannedList, async (route) => {
    await cannedHeld;
    await route.continue();
  });
  await operator.reload();
  await ticketLink.waitFor();
  await operator.getByRole("button", { name: "Canned responses" }).click();
  await operator.getByText("Loading canned responses…").waitFor();
  releaseCanned();
  await operator.getByRole("option", { name: /Refund policy/ }).waitFor();
  await operator.keyboard.press("Escape");
  await operator.unroute(cannedList);

  // A canned response by its shortcut, edited before it goes.
  const composer = operator.getByLabel("Message");
  await composer.fill("Sorry! /refund");
  await composer.press("Space");
  await expect
    .poll(() => composer.inputValue())
    .toBe("Sorry! You can have a refund within 30 days.");
  await composer.pressSequentially(" Shall I start it?");
  await composer.press("Enter");
  await late
    .frameLocator('iframe[title="Chat"]')
    .getByText("Sorry! You can have a refund within 30 days. Shall I start it?")
    .waitFor();

  // A customer's message while the tab is hidden: a desktop notification and the title's count.
  await setHidden(operator, true);
  await say(late, "Yes please");
  await expect
    .poll(async () => (await shown(operator)).at(-1))
    .toEqual({
      title: "New message from H. Sato",
      body: "Yes please",
    });
  await expect.poll(() => operator.title()).toMatch(/^\(\d\) Madoguchi$/);
  await setHidden(operator, false);

  // A colleague comes online: the transfer menu shows their load.
  const colleague = await operatorConsole(second);
  await operator.getByRole("button", { name: "Transfer to" }).click();
  await operator
    .getByRole("menuitem", { name: /Operator 1/ })
    .getByText("0 / 5 chats")
    .waitFor();
  await operator.keyboard.press("Escape");
  // Transferring with unsaved info asks first; Stay keeps the chat here.
  await operator.getByLabel("Notes").fill("Transfer me");
  await operator.getByRole("button", { name: "Transfer to" }).click();
  await operator.getByRole("menuitem", { name: /Operator 1/ }).click();
  await guard.getByRole("button", { name: "Stay" }).click();
  await guard.waitFor({ state: "detached" });
  expect(chatIdOf(operator)).toBe(lateChat);
  expect((await chatSaying(operator, lateChat)).operatorId).toBe(saved.operatorId);
  await colleague.close();
});
