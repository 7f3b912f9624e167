/**
 * Category management in a real browser against the built server: an administrator adds
 * categories and a subcategory, reorders them with the keyboard (react-aria's drag and drop: the
 * handle, Enter, the arrow keys to the place, Enter), and the API lists them in that order; a
 * fourth level is refused with the message shown in the dialog.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ServiceListResponse } from "../shared/api.js";
import type { ProcessingTypeListResponse } from "../shared/categories.js";
import { ADMIN, chooseStatus, type FirstStart, firstStart } from "./browser.js";

let installation: FirstStart;
beforeAll(async () => {
  installation = await firstStart();
});

afterAll(() => installation?.close());

async function openCategories(): Promise<{ page: Page; serviceId: string }> {
  const page = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  await page.goto(`${installation.server.url}/console/admin`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("link", { name: "Categories" }).click();
  await page.getByRole("heading", { name: "Categories" }).waitFor();
  const services = (await (
    await page.request.get(`${installation.server.url}/api/services`)
  ).json()) as ServiceListResponse;
  const [service] = services.services;
  if (!service) throw new Error("the first start made no service");
  return { page, serviceId: service.id };
}

/** Fills the name dialog in the default language and saves. */
async function nameIt(page: Page, name: string) {
  await page.getByLabel("Name in English (default language)").fill(name);
  await page.getByRole("button", { name: "Save" }).click();
}

async function addUnder(page: Page, parent: string, name: string) {
  await page.getByRole("button", { name: `Actions for ${parent}` }).click();
  await page.getByRole("menuitem", { name: "Add subcategory" }).click();
  await expect.poll(() => page.getByRole("dialog").textContent()).toContain(`Under “${parent}”`);
  await nameIt(page, name);
}

/** The tree as the API lists it: names and levels, in order. */
async function listed(page: Page, serviceId: string) {
  const response = await page.request.get(
    `${installation.server.url}/api/services/${serviceId}/processing-types`,
  );
  const body = (await response.json()) as ProcessingTypeListResponse;
  return body.processingTypes.map((type) => `${type.depth}:${type.names.en}`);
}

/** What has the keyboard: a row, a button or, while dragging, a drop place. */
const focusedLabel = async (page: Page) =>
  (await page.locator(":focus").getAttribute("aria-label")) ?? "";

it("adds categories and a subcategory, reorders them by keyboard, and the API lists that order", async () => {
  const { page, serviceId } = await openCategories();
  await page.getByText("No categories yet.").waitFor();

  await page.getByRole("button", { name: "Add category" }).click();
  await nameIt(page, "Orders");
  await page.getByRole("row", { name: "Orders" }).waitFor();
  await page.getByRole("button", { name: "Add category" }).click();
  await nameIt(page, "Billing");
  await page.getByRole("row", { name: "Billing" }).waitFor();
  await addUnder(page, "Orders", "Late delivery");
  await page.getByRole("row", { name: "Late delivery" }).waitFor();
  expect(await listed(page, serviceId)).toEqual(["1:Orders", "2:Late delivery", "1:Billing"]);

  // From the keyboard alone: into the tree, down to Billing, onto its handle, pick it up.
  await page.getByRole("button", { name: "Add category" }).focus();
  await page.keyboard.press("Tab");
  while ((await focusedLabel(page)) !== "Billing") await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  expect(await focusedLabel(page)).toBe("Drag to reorder");
  await page.keyboard.press("Enter");
  // The arrow keys go through the drop places; a full round comes back where it started.
  const places: string[] = [];
  while ((await focusedLabel(page)) !== "Insert before Orders") {
    places.push(await focusedLabel(page));
    expect(places.length).toBeLessThan(10);
    await page.keyboard.press("ArrowUp");
  }
  await page.keyboard.press("Enter");
  await expect
    .poll(() => listed(page, serviceId))
    .toEqual(["1:Billing", "1:Orders", "2:Late delivery"]);
  // The screen shows the order the server keeps.
  await expect
    .poll(() => page.getByRole("row").allTextContents())
    .toEqual([
      expect.stringContaining("Billing"),
      expect.stringContaining("Orders"),
      expect.stringContaining("Late delivery"),
    ]);
});

it("refuses a fourth level with the message in the dialog, and keeps the tree as it was", async () => {
  const { page, serviceId } = await openCategories();
  await page.getByRole("row", { name: "Late delivery" }).waitFor();
  await addUnder(page, "Late delivery", "Carrier");
  await page.getByRole("row", { name: "Carrier" }).waitFor();
  await addUnder(page, "Carrier", "Too deep");
  await expect
    .poll(() => page.getByRole("dialog").getByRole("alert").textContent())
    .toBe("Categories go at most 3 levels deep.");
  await page.getByRole("button", { name: "Cancel" }).click();
  expect(await listed(page, serviceId)).toEqual([
    "1:Billing",
    "1:Orders",
    "2:Late delivery",
    "3:Carrier",
  ]);
});

it("offers a new category in the workspace's processing-type choice, and a retired one no more", async () => {
  const { page } = await openCategories();
  await page.getByRole("button", { name: "Add category" }).click();
  await nameIt(page, "Returns");
  await page.getByRole("row", { name: "Returns" }).waitFor();
  await page.getByRole("button", { name: "Actions for Billing" }).click();
  await page.getByRole("menuitem", { name: "Retire" }).click();
  await expect
    .poll(() => page.getByRole("row", { name: /Billing/ }).textContent())
    .toContain("Retired");

  // A customer asks for a chat on the demo page; the administrator, online, opens it.
  await page.goto(`${installation.server.url}/console/`);
  await chooseStatus(page, "Online");
  const customer = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  await customer.goto(`${installation.server.url}/demo/`);
  await customer.getByRole("button", { name: "Open chat" }).click();
  const widget = customer.frameLocator('iframe[title="Chat"]');
  await widget.getByLabel("I agree to the collection of personal information").check();
  await widget.getByRole("button", { name: "Start chat" }).click();
  await widget.getByLabel("Message").fill("I want to send it back");
  await widget.getByRole("button", { name: "Send" }).click();
  await page
    .getByRole("navigation", { name: "Chats" })
    .getByRole("button", { name: /I want to send it back/ })
    .click();
  await page.locator(".type-level").first().getByRole("button").click();
  await expect
    .poll(() => page.getByRole("option").allTextContents())
    .toEqual(expect.arrayContaining(["Returns", "Orders"]));
  expect(await page.getByRole("option").allTextContents()).not.toContain("Billing");
});
