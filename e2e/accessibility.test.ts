/**
 * The customer's screens by keyboard and screen reader: the launcher opens the widget with the
 * keyboard in it and Escape brings the keyboard back to the launcher, a chat goes from consent to
 * sent message by keyboard alone, new messages are announced (a live log), and axe finds no
 * serious or critical violation on any state of the widget, the help center or its inquiry form.
 */
import { AxeBuilder } from "@axe-core/playwright";
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { chooseStatus, type FirstStart, operatorOpensChat } from "./browser.js";
import { demoServiceOnSite, type Site } from "./site.js";

let installation: FirstStart;
let site: Site;
let operator: Page;
let helpCenterUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  let snippet: () => string;
  let service: { helpCenterUrl: string };
  ({ installation, operator, site, service, snippet, close } = await demoServiceOnSite());
  helpCenterUrl = service.helpCenterUrl;
  site.page("/", { body: `<main><h1>Shop</h1><p>Our products.</p></main>${snippet()}` });
});

afterAll(() => close?.());

const widget = (page: Page): FrameLocator => page.frameLocator('iframe[title="Chat"]');

/** The serious and critical violations axe finds on the page, frames included, named with the
 *  elements at fault so that a failure says where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
}

/** What has the keyboard: the launcher, the widget's frame (and its element), or the page. */
const focused = (page: Page) =>
  page.evaluate(`(() => {
    const host = document.querySelector("madoguchi-widget");
    if (document.activeElement !== host) return document.activeElement?.tagName ?? "none";
    return host.shadowRoot.activeElement?.tagName ?? "host";
  })()`);
const focusedInWidget = (page: Page) =>
  widget(page)
    .locator(":focus")
    .evaluate((element) => `${element.tagName} ${element.getAttribute("type") ?? ""}`.trim());

it("is used by keyboard alone: into the window on opening, back to the launcher on Escape", async () => {
  const page = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  await page.goto(`${site.origin}/`);
  await page.getByRole("button", { name: "Open chat" }).waitFor();
  // Nobody online: the popup's first action has the keyboard.
  await page.keyboard.press("Tab");
  expect(await focused(page)).toBe("BUTTON");
  await page.keyboard.press("Enter");
  await widget(page).getByRole("heading", { name: "No operator available" }).waitFor();
  expect(await focused(page)).toBe("IFRAME");
  await expect.poll(() => focusedInWidget(page)).toBe("BUTTON button");
  expect(await seriousViolations(page)).toEqual([]);

  // Its form, by keyboard.
  await page.keyboard.press("Enter");
  await widget(page).getByLabel("Name").waitFor();
  await expect.poll(() => focusedInWidget(page)).toBe("INPUT text");
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect.poll(() => focused(page)).toBe("BUTTON");
  expect(await page.getByRole("button", { name: "Open chat" }).getAttribute("aria-expanded")).toBe(
    "false",
  );

  // Someone online: consent, start and write without a mouse.
  await chooseStatus(operator, "Online");
  await page.reload();
  await page.getByRole("button", { name: "Open chat" }).waitFor();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await widget(page).getByRole("heading", { name: "Before we start" }).waitFor();
  await expect.poll(() => focusedInWidget(page)).toBe("INPUT checkbox");
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await widget(page).getByLabel("Message").waitFor();
  await expect.poll(() => focusedInWidget(page)).toBe("TEXTAREA");
  await page.keyboard.type("Typed without a mouse");
  await page.keyboard.press("Enter");
  await widget(page).getByText("Typed without a mouse").waitFor();

  // The operator's answer is announced: the transcript is a polite live log with a name.
  const log = widget(page).getByRole("log", { name: "Conversation" });
  expect(await log.getAttribute("aria-live")).toBe("polite");
  await operatorOpensChat(operator, "Typed without a mouse");
  await operator.getByLabel("Message").fill("Answered for a screen reader");
  await operator.getByRole("button", { name: "Send" }).click();
  await log.getByText("Answered for a screen reader").waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  // The rating form, then the ended chat.
  await widget(page).getByRole("button", { name: "Rate this chat" }).click();
  await widget(page).getByRole("button", { name: "Send rating" }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await widget(page).getByRole("radio", { name: "5 out of 5" }).check();
  await widget(page).getByRole("button", { name: "Send rating" }).click();
  await widget(page).getByRole("button", { name: "End chat" }).click();
  await widget(page).getByRole("button", { name: "End chat" }).click();
  await widget(page).getByRole("button", { name: "Start a new chat" }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
});

it("has no serious or critical violation on the help center's home and inquiry form", async () => {
  const page = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  await page.goto(helpCenterUrl);
  await page.getByRole("heading", { level: 1 }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto(`${helpCenterUrl}inquiry`);
  await page.getByRole("button", { name: "Send" }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  // Refused fields, each beside its error.
  await page.getByRole("button", { name: "Send" }).click();
  await page.getByRole("heading", { level: 1 }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
});
