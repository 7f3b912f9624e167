/**
 * A chat the customer never loses: on a company's own site (another origin, so the widget is a
 * third-party frame with partitioned storage), it goes on from page to page, through a lost
 * network (Chromium's offline emulation) with what was written meanwhile delivered once, and in
 * several tabs at once that stay in step.
 */
import type { BrowserContext, FrameLocator, Page } from "playwright-core";
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
  site.page("/", { body: `<h1>Shop</h1><a href="/delivery.html">Delivery</a>${snippet()}` });
  site.page("/delivery.html", { body: `<h1>Delivery</h1>${snippet()}` });
});

afterAll(() => close?.());

const widget = (page: Page): FrameLocator => page.frameLocator('iframe[title="Chat"]');

async function write(page: Page, text: string): Promise<void> {
  await widget(page).getByLabel("Message").fill(text);
  await widget(page).getByRole("button", { name: "Send" }).click();
}

/** The operator's transcript of the customer's chat, opened from the chat list. */
function operatorLog() {
  return operator.getByRole("log");
}

let context: BrowserContext;
let customer: Page;

it("keeps the chat open and whole on the site's next page", async () => {
  await chooseStatus(operator, "Online");
  context = await installation.browser.newContext({ locale: "en-US" });
  customer = await context.newPage();
  await customer.goto(`${site.origin}/`);
  await customer.getByRole("button", { name: "Open chat" }).click();
  await widget(customer).getByLabel("I agree to the collection of personal information").check();
  await widget(customer).getByRole("button", { name: "Start chat" }).click();
  await write(customer, "Where is my parcel?");

  await operatorOpensChat(operator, "Where is my parcel?");
  await operator.getByLabel("Message").fill("It left the warehouse today.");
  await operator.getByRole("button", { name: "Send" }).click();
  await widget(customer).getByText("It left the warehouse today.").waitFor();

  // The next page of the site: the widget is open again by itself, with the whole transcript.
  await customer.getByRole("link", { name: "Delivery" }).click();
  await customer.getByRole("heading", { name: "Delivery" }).waitFor();
  await customer.getByRole("button", { name: "Close chat" }).waitFor();
  await widget(customer).getByText("Where is my parcel?").waitFor();
  await widget(customer).getByText("It left the warehouse today.").waitFor();
  // Closed here, it stays closed on the next page.
  await customer.getByRole("button", { name: "Close chat" }).click();
  await customer.goto(`${site.origin}/`);
  await customer.getByRole("button", { name: "Open chat" }).waitFor();
  expect(await customer.locator("iframe").count()).toBe(0);
  await customer.getByRole("button", { name: "Open chat" }).click();
  await widget(customer).getByText("It left the warehouse today.").waitFor();
});

it("says it is reconnecting while the network is lost, and delivers what was written then once", async () => {
  await context.setOffline(true);
  await widget(customer).getByText("Connection lost. Reconnecting…").waitFor();
  await write(customer, "Written while offline");
  const entry = widget(customer).getByRole("listitem").filter({ hasText: "Written while offline" });
  await entry.getByText("Sending…").waitFor();
  // The operator hears of it only once the customer is back.
  await operator.getByLabel("Message").fill("Are you still there?");
  await operator.getByRole("button", { name: "Send" }).click();
  await operatorLog().getByText("Are you still there?").waitFor();

  await context.setOffline(false);
  await operatorLog().getByText("Written while offline").waitFor();
  await widget(customer).getByText("Are you still there?").waitFor();
  expect(await widget(customer).getByText("Connection lost. Reconnecting…").count()).toBe(0);
  await entry.getByText("Sending…").waitFor({ state: "detached" });

  // Once on both sides, even after a later message proves the conversation moved on.
  await write(customer, "Back online");
  await operatorLog().getByText("Back online").waitFor();
  expect(await operatorLog().getByText("Written while offline").count()).toBe(1);
  expect(await widget(customer).getByText("Written while offline").count()).toBe(1);
  await customer.reload();
  await customer.getByRole("button", { name: "Close chat" }).waitFor();
  await widget(customer).getByText("Back online").waitFor();
  expect(await widget(customer).getByText("Written while offline").count()).toBe(1);
});

it("shows the same chat in two tabs, in step both ways, and a new chat in both", async () => {
  const second = await context.newPage();
  await second.goto(`${site.origin}/delivery.html`);
  // A new tab starts with the widget closed; opened, it has the same chat.
  await second.getByRole("button", { name: "Open chat" }).click();
  await widget(second).getByText("Written while offline").waitFor();

  await write(second, "From the second tab");
  await widget(customer).getByText("From the second tab").waitFor();
  await operatorLog().getByText("From the second tab").waitFor();
  await operator.getByLabel("Message").fill("Seen in both tabs");
  await operator.getByRole("button", { name: "Send" }).click();
  await widget(customer).getByText("Seen in both tabs").waitFor();
  await widget(second).getByText("Seen in both tabs").waitFor();

  // Ended in the first tab: the second says so too.
  await widget(customer).getByRole("button", { name: "End chat" }).click();
  await widget(customer).getByRole("button", { name: "End chat" }).click();
  await widget(second).getByText("You ended this chat.").waitFor();
  // A new chat started in the first tab becomes the second tab's too.
  await widget(customer).getByRole("button", { name: "Start a new chat" }).click();
  await widget(second).getByRole("heading", { name: "Before we start" }).waitFor();
  await widget(customer).getByLabel("I agree to the collection of personal information").check();
  await widget(customer).getByRole("button", { name: "Start chat" }).click();
  await write(customer, "A second question");
  await widget(second).getByText("A second question").waitFor();
  expect(await widget(second).getByText("Seen in both tabs").count()).toBe(0);
});
