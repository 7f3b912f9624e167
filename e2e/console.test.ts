/**
 * The console in a real browser as a set of screens with their own URLs: a chat's URL survives a
 * reload and a login, an unknown path says so, addresses without the slash and missing pages are
 * shown to a person as pages, and the react-aria controls (status window, end-chat dialog,
 * transfer menu) work from the keyboard.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { embedCode } from "../server/widget/embed-code.js";
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
  // The first start creates the administrator; then two operators of a service of their own,
  // online but without a console until they log in.
  server = await startServerProcess({ DATA_DIR: dataDir, PORT: port, ...admin });
  await server.stop();
  installation = await seedInstallation({
    dataDir,
    databaseUrl: undefined,
    port: Number(port),
    operators: 2,
  });
  server = await startServerProcess({ ...installation.env, ...admin });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function newPage(locale = "en-US"): Promise<Page> {
  return (await browser.newContext({ locale })).newPage();
}

async function logIn(page: Page, account: { email: string; password: string }): Promise<void> {
  // The login screen first: right after "Log out" the workspace, whose chat info has its own
  // Email field, may still be on the page.
  await page.getByRole("button", { name: "Log in" }).waitFor();
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** A customer on the service's site asks for a chat and writes. */
async function customerWrites(text: string): Promise<void> {
  const page = await newPage();
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
  await chat.getByLabel("Message").fill(text);
  await chat.getByRole("button", { name: "Send" }).click();
  await chat.getByText(text).waitFor();
}

/** What has the keyboard, and whether it is inside the dialog. */
async function focused(page: Page): Promise<string> {
  const text = (await page.locator(":focus").textContent()) ?? "";
  return (await page.getByRole("alertdialog").locator(":focus").count()) > 0
    ? `dialog:${text}`
    : text;
}

it("sends /console and /demo to their pages, and shows a person's browser a page, not JSON", async () => {
  const page = await newPage("ja-JP");
  await page.goto(`${server.url}/console`);
  expect(page.url()).toBe(`${server.url}/console/`);
  await page.getByRole("heading", { name: "Madoguchi にログイン" }).waitFor();
  await page.goto(`${server.url}/demo`);
  expect(page.url()).toBe(`${server.url}/demo/`);

  const response = await page.goto(`${server.url}/no-such-page`);
  expect(response?.status()).toBe(404);
  expect(response?.headers()["content-type"]).toContain("text/html");
  await page.getByRole("heading", { name: "ページが見つかりません" }).waitFor();
});

it("shows a console path that names no screen as not found, after the login it asked for, without reconnecting", async () => {
  const page = await newPage();
  let sockets = 0;
  page.on("websocket", () => {
    sockets += 1;
  });
  await page.goto(`${server.url}/console/no-such-screen`);
  await logIn(page, ADMIN);
  await page.getByRole("heading", { name: "Page not found" }).waitFor();
  await page.getByText("There is no console page at /console/no-such-screen.").waitFor();

  await page.getByRole("link", { name: "Back to the chat workspace" }).click();
  await page.getByText("Choose a chat from the list.").waitFor();
  expect(page.url()).toBe(`${server.url}/console/`);
  // Administration opens the first service's first section.
  await page.getByRole("link", { name: "Administration" }).click();
  await page.getByRole("heading", { name: "General" }).waitFor();
  expect(page.url()).toMatch(/\/console\/admin\/services\/[0-9a-f-]{36}\/general$/);
  await page.getByRole("link", { name: "Operators" }).click();
  await page.getByRole("heading", { name: "Operators" }).waitFor();
  await page.getByRole("button", { name: /^Chats/ }).click();
  await page.getByText("Choose a chat from the list.").waitFor();
  // One socket for the whole session: moving between screens never reconnects.
  expect(sockets).toBe(1);
});

it("gives a chat its own URL: a reload, or logging in again, shows that chat", async () => {
  const [first] = installation.operators;
  const operator = await newPage();
  await operator.goto(`${server.url}/console/`);
  await logIn(operator, first as Installation["operators"][number]);
  await operator
    .getByRole("button", { name: /Status/ })
    .getByText("Online")
    .waitFor();

  await customerWrites("Can I change my delivery address?");
  await operator
    .getByRole("button", { name: /Customer/ })
    .first()
    .click();
  await operator.getByRole("log").getByText("Can I change my delivery address?").waitFor();
  await expect.poll(() => operator.url()).toMatch(/\/console\/chats\/[0-9a-f-]{36}$/);
  const chatUrl = operator.url();

  await operator.reload();
  await operator.getByRole("log").getByText("Can I change my delivery address?").waitFor();
  expect(operator.url()).toBe(chatUrl);

  await operator.getByRole("button", { name: "Log out" }).click();
  await logIn(operator, first as Installation["operators"][number]);
  await operator.getByRole("log").getByText("Can I change my delivery address?").waitFor();
  expect(operator.url()).toBe(chatUrl);

  // End chat asks in a modal dialog that has the keyboard; Escape keeps the chat, and the
  // keyboard is back on End chat.
  await operator.getByRole("button", { name: "End chat" }).focus();
  await operator.keyboard.press("Enter");
  await operator.getByRole("alertdialog", { name: "End this chat?" }).waitFor();
  await expect.poll(() => focused(operator)).toBe("dialog:Cancel");
  await operator.keyboard.press("Escape");
  await operator.getByRole("alertdialog").waitFor({ state: "detached" });
  await expect.poll(() => focused(operator)).toBe("End chat");
  await operator.getByRole("log").getByText("Can I change my delivery address?").waitFor();

  // On a phone the open chat has the screen to itself, with the way back to the list.
  await operator.setViewportSize({ width: 390, height: 844 });
  await operator.getByRole("navigation", { name: "Chats" }).waitFor({ state: "hidden" });
  await operator.getByRole("link", { name: "All chats" }).click();
  await operator.getByRole("navigation", { name: "Chats" }).waitFor();
  expect(operator.url()).toBe(`${server.url}/console/`);
});

it("works the status window and the transfer menu from the keyboard", async () => {
  const [first, second] = installation.operators as [
    Installation["operators"][number],
    Installation["operators"][number],
  ];
  const operator = await newPage();
  await operator.goto(`${server.url}/console/`);
  await logIn(operator, first);
  const status = operator.getByRole("button", { name: /Status/ });
  await status.getByText("Online").waitFor();

  // Enter opens the list on the current status; the arrows move, Enter chooses.
  await status.focus();
  await operator.keyboard.press("Enter");
  await operator.getByRole("listbox").waitFor();
  await operator.keyboard.press("ArrowDown");
  await operator.keyboard.press("Enter");
  await status.getByText("On break").waitFor();
  await operator.getByText("You receive new chats only while you are online.").waitFor();
  await expect.poll(() => focused(operator)).toContain("On break");
  await operator.keyboard.press("Enter");
  await operator.keyboard.press("ArrowUp");
  await operator.keyboard.press("Enter");
  await status.getByText("Online").waitFor();
  await operator.getByText("You receive new chats only while you are online.").waitFor({
    state: "detached",
  });

  // The chat from the test before is still this operator's; a colleague comes online to take it.
  const colleague = await newPage();
  await colleague.goto(`${server.url}/console/`);
  await logIn(colleague, second);
  await colleague.getByText("No chats.", { exact: false }).waitFor();
  await operator
    .getByRole("button", { name: /Customer/ })
    .first()
    .click();
  // The colleague is a target once their console's socket is connected, which can come after
  // their page shows (CI under load): the menu is opened again until they are listed, as an
  // operator would, each time after the list's answer.
  const transfer = operator.getByRole("button", { name: "Transfer to" });
  const colleagueItem = operator.getByRole("menuitem", { name: "Operator 1" });
  // When the list cannot be fetched, the menu says so rather than loading for ever.
  const targetsList = (url: URL) => url.pathname.endsWith("/transfer-targets");
  await operator.route(targetsList, (route) => route.abort());
  await transfer.focus();
  await operator.keyboard.press("Enter");
  await operator.getByText("Could not load the operators: open the menu again").waitFor();
  await operator.keyboard.press("Escape");
  await operator.unroute(targetsList);
  await expect
    .poll(
      async () => {
        const answered = operator.waitForResponse((response) =>
          response.url().includes("/transfer-targets"),
        );
        await transfer.focus();
        await operator.keyboard.press("Enter");
        await answered;
        const listed = await colleagueItem.waitFor({ timeout: 2000 }).then(
          () => true,
          () => false,
        );
        if (!listed) await operator.keyboard.press("Escape");
        return listed;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await operator.keyboard.press("ArrowDown");
  await operator.keyboard.press("Enter");

  await operator.getByText("No chats.", { exact: false }).waitFor();
  await colleague.getByRole("button", { name: /Customer/ }).waitFor();
});

it("speaks the language the operator chooses, from the login on, and keeps it after a reload", async () => {
  const page = await newPage("en-US");
  await page.goto(`${server.url}/console/`);
  // Chosen before logging in: the login itself changes language.
  await page.getByRole("button", { name: /Language/ }).click();
  await page.getByRole("option", { name: "日本語" }).click();
  await page.getByRole("heading", { name: "Madoguchi にログイン" }).waitFor();
  await page.getByLabel("メールアドレス").fill(ADMIN.email);
  await page.getByLabel("パスワード").fill(ADMIN.password);
  await page.getByRole("button", { name: "ログイン", exact: true }).click();
  await page.getByRole("button", { name: /ステータス/ }).waitFor();
  expect(await page.locator("html").getAttribute("lang")).toBe("ja");
  await page.reload();
  await page.getByRole("button", { name: /ステータス/ }).waitFor();
  // And back, from the header.
  await page.getByRole("button", { name: /言語/ }).click();
  await page.getByRole("option", { name: "English" }).click();
  await page.getByRole("button", { name: /Status/ }).waitFor();
});
