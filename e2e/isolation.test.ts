/**
 * The widget and the host page leave each other alone: a hostile host stylesheet does not
 * reach the launcher or the window, the widget's styles do not reach the page, and a page with
 * a strict Content-Security-Policy that allows the Madoguchi origin (and nothing inline) carries
 * a working chat. (A page on an origin the service does not allow is refused in embed.test.ts.)
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { chooseStatus, type FirstStart, operatorOpensChat } from "./browser.js";
import { demoServiceOnSite, type Site } from "./site.js";

let installation: FirstStart;
let site: Site;
let operator: Page;
let close: () => Promise<void>;

/** Everything a careless or hostile site might throw at whatever it contains. */
const hostileStyles = `<style>
  * { all: unset !important; font: 40px/3 serif !important; color: red !important; }
  madoguchi-widget, madoguchi-widget * { display: none !important; }
  button, iframe { width: 1px !important; height: 1px !important; opacity: 0 !important; }
  :root { --madoguchi-color: lime; --brand: lime; }
</style>`;

beforeAll(async () => {
  let embed: () => string;
  ({ installation, operator, site, snippet: embed, close } = await demoServiceOnSite());
  const snippet = embed();
  const hostButton = `<button id="host-button" style="padding: 3px">Buy</button><p id="host-text">Our shop</p>`;
  site.page("/hostile.html", { head: hostileStyles, body: `<h1>Shop</h1>${snippet}` });
  site.page("/plain.html", { body: `${hostButton}${snippet}` });
  site.page("/bare.html", { body: hostButton });
  const madoguchi = new URL(installation.server.url).origin;
  site.page("/strict.html", {
    body: `<h1>Shop</h1>${snippet}`,
    headers: {
      "content-security-policy": `default-src 'none'; script-src ${madoguchi}; connect-src ${madoguchi}; frame-src ${madoguchi}; style-src 'self'; img-src 'self'`,
    },
  });
});

afterAll(() => close?.());

const widget = (page: Page) => page.frameLocator('iframe[title="Chat"]');

it("keeps the launcher and the window as they are under a hostile host stylesheet", async () => {
  const page = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  await page.goto(`${site.origin}/hostile.html`);
  const launcher = page.getByRole("button", { name: "Open chat" });
  await launcher.waitFor();
  const box = await launcher.boundingBox();
  expect([box?.width, box?.height]).toEqual([56, 56]);
  const background = () =>
    page.evaluate(
      "getComputedStyle(document.querySelector('madoguchi-widget').shadowRoot.querySelector('button')).backgroundColor",
    );
  expect(await background()).toBe("rgb(31, 78, 121)");

  await launcher.click();
  const frame = page.locator("madoguchi-widget iframe");
  await widget(page).getByRole("heading", { name: "No operator available" }).waitFor();
  const window = await frame.boundingBox();
  expect([window?.width, window?.height]).toEqual([370, 560]);
  // The app's own document has its own styles: its header keeps its colour and size.
  const header = widget(page).locator("header");
  const headerColor = header.evaluate(
    (element) => element.ownerDocument.defaultView?.getComputedStyle(element).backgroundColor,
  );
  expect(await headerColor).toBe("rgb(31, 78, 121)");
});

it("leaves the host page's own elements as they were without it", async () => {
  const context = await installation.browser.newContext({ locale: "en-US" });
  const styleOf = async (path: string, open: boolean) => {
    const page = await context.newPage();
    await page.goto(`${site.origin}${path}`);
    if (open) {
      await page.getByRole("button", { name: "Open chat" }).click();
      await widget(page).getByRole("heading", { name: "No operator available" }).waitFor();
    }
    const style = await page.evaluate(`(() => {
      const read = (element) => { const s = getComputedStyle(element);
        return [s.font, s.color, s.backgroundColor, s.padding, s.margin, s.boxSizing, s.lineHeight].join("|"); };
      return [read(document.body), read(document.getElementById("host-button")), read(document.getElementById("host-text"))];
    })()`);
    await page.close();
    return style;
  };
  expect(await styleOf("/plain.html", true)).toEqual(await styleOf("/bare.html", false));
});

it("chats on a page whose Content-Security-Policy allows only the Madoguchi origin", async () => {
  await chooseStatus(operator, "Online");
  const page = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  const refusals: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") refusals.push(message.text());
  });
  await page.goto(`${site.origin}/strict.html`);
  const launcher = page.getByRole("button", { name: "Open chat" });
  await launcher.click();
  await widget(page).getByLabel("I agree to the collection of personal information").check();
  await widget(page).getByRole("button", { name: "Start chat" }).click();
  await widget(page).getByLabel("Message").fill("Hello under a strict policy");
  await widget(page).getByRole("button", { name: "Send" }).click();
  await operatorOpensChat(operator, "Hello under a strict policy");
  // The launcher kept its styles (a constructed style sheet, which the policy allows).
  const box = await page.getByRole("button", { name: "Close chat" }).boundingBox();
  expect([box?.width, box?.height]).toEqual([56, 56]);
  expect(refusals.filter((text) => text.includes("Content Security Policy"))).toEqual([]);
});
