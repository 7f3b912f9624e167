/**
 * The pre-chat fields: an administrator makes the service ask for the customer's name and email
 * (Help center settings); the widget asks for them beside the consent, refuses a blank name or a
 * wrong address beside its field, starts with what the page prefilled, and the operator gets them
 * as the customer info.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { chooseStatus, type FirstStart, operatorOpensChat } from "./browser.js";
import { demoServiceOnSite, type Site } from "./site.js";

let installation: FirstStart;
let site: Site;
let operator: Page;
let close: () => Promise<void>;

beforeAll(async () => {
  let snippet: () => string;
  ({ installation, operator, site, snippet, close } = await demoServiceOnSite());
  site.page("/", { body: `<h1>Shop</h1>${snippet()}` });
});

afterAll(() => close?.());

const widget = (page: Page) => page.frameLocator('iframe[title="Chat"]');

it("asks for the name and email the service wants before a chat, with field errors, and gives them to the operator", async () => {
  await chooseStatus(operator, "Online");
  await operator.getByRole("link", { name: "Administration" }).click();
  await operator.getByRole("link", { name: "Help center settings", exact: true }).click();
  await operator.getByText("Ask for the customer's name before a chat").click();
  await operator.getByText("Ask for the customer's email before a chat").click();
  await operator.getByRole("button", { name: "Save" }).click();
  await operator.getByRole("status").getByText("Saved.").waitFor();

  const page = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  await page.goto(`${site.origin}/`);
  await page.getByRole("button", { name: "Open chat" }).click();
  const chat = widget(page);
  await chat.getByLabel("I agree to the collection of personal information").check();
  await chat.getByRole("button", { name: "Start chat" }).click();
  // Both refused beside their fields; nothing started.
  const name = chat.getByLabel("Name");
  const email = chat.getByLabel("Email");
  await chat.getByText("Please fill this in.").first().waitFor();
  expect(await name.getAttribute("aria-invalid")).toBe("true");
  expect(await email.getAttribute("aria-invalid")).toBe("true");
  await name.fill("Aiko Tanaka");
  await email.fill("aiko@example");
  await chat.getByRole("button", { name: "Start chat" }).click();
  await chat.getByText("Enter an email address such as name@example.com.").waitFor();
  expect(await name.getAttribute("aria-invalid")).toBe("false");
  await email.fill("aiko@example.com");
  await chat.getByRole("button", { name: "Start chat" }).click();
  await chat.getByLabel("Message").fill("Hello, I gave my name");
  await chat.getByRole("button", { name: "Send" }).click();

  await operatorOpensChat(operator, "Hello, I gave my name", /Aiko Tanaka/);
  expect(await operator.getByLabel("Email", { exact: true }).inputValue()).toBe("aiko@example.com");

  // A page that knows its customer prefills the fields.
  const known = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  await known.goto(`${site.origin}/`);
  await known.getByRole("button", { name: "Open chat" }).waitFor();
  await known.evaluate(`Madoguchi.prefill({ name: "Ken Mori", email: "ken@example.com" })`);
  await known.evaluate("Madoguchi.open()");
  expect(await widget(known).getByLabel("Name").inputValue()).toBe("Ken Mori");
  expect(await widget(known).getByLabel("Email").inputValue()).toBe("ken@example.com");
});
