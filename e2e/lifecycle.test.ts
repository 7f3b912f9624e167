/**
 * A chat's whole life in real browsers: typing and "seen" both ways, the operator's rating request
 * and the customer's rating, the customer leaving, and the operator closing it for both.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { embedCode } from "../server/widget/embed-code.js";
import { adminGoesOnline, chooseStatus, type FirstStart, firstStart } from "./browser.js";
import type { ServerProcess } from "./server-process.js";

let installation: FirstStart;
let browser: Browser;
let server: ServerProcess;

beforeAll(async () => {
  installation = await firstStart();
  ({ browser, server } = installation);
});

afterAll(() => installation?.close());

async function newPage(): Promise<Page> {
  return (await browser.newContext({ locale: "en-US" })).newPage();
}

it("goes through typing, seen, rating, the customer leaving and the operator closing", async () => {
  const operator = await newPage();
  await adminGoesOnline(operator, server.url);

  // The administrator sees themself online with a connected console, so chats can come.
  await operator.getByRole("link", { name: "Administration" }).click();
  await operator.getByRole("link", { name: "Operators" }).click();
  const me = operator.getByRole("row", { name: /admin@example\.com/ });
  // The status cell says both: the chosen status, then whether the console is there.
  await me.getByRole("cell", { name: /^Online\s*Connected$/ }).waitFor();
  // The chat icon takes them back to the chat workspace.
  await operator.getByRole("button", { name: /^Chats/ }).click();

  const customer = await newPage();
  await customer.goto(`${server.url}/demo/`);
  await customer.getByRole("button", { name: "Open chat" }).click();
  const chat = customer.frameLocator('iframe[title="Chat"]');
  await chat.getByLabel("I agree to the collection of personal information").check();
  await chat.getByRole("button", { name: "Start chat" }).click();
  await chat.getByText("Waiting for an operator…").waitFor();

  // The customer types: the operator sees it before the message comes.
  await operator
    .getByRole("button", { name: /Customer/ })
    .first()
    .click();
  // A draft typed and cleared stops "typing" at once, well before the pause after the last key.
  await chat.getByLabel("Message").pressSequentially("Hm");
  await operator.getByText("The customer is typing…").waitFor();
  await chat.getByLabel("Message").fill("");
  await operator.getByText("The customer is typing…").waitFor({ state: "detached", timeout: 2000 });
  await chat.getByLabel("Message").pressSequentially("Where is my order?");
  await operator.getByText("The customer is typing…").waitFor();
  await chat.getByRole("button", { name: "Send" }).click();
  await operator.getByRole("log").getByText("Where is my order?").waitFor();

  // The operator had the chat open, so the customer's message shows as seen; the chat is active.
  await chat.getByText("Seen").waitFor();
  await chat.getByText("Waiting for an operator…").waitFor({ state: "detached" });

  await operator.getByLabel("Message").pressSequentially("Hm");
  await chat.getByText("The operator is typing…").waitFor();
  await operator.getByLabel("Message").fill("");
  await chat.getByText("The operator is typing…").waitFor({ state: "detached", timeout: 2000 });
  await operator.getByLabel("Message").pressSequentially("It ships today.");
  await chat.getByText("The operator is typing…").waitFor();
  await operator.getByRole("button", { name: "Send" }).click();
  await chat.getByText("It ships today.").waitFor();
  await operator.getByText("Seen").waitFor();

  // The operator's Rate brings the satisfaction message and the form; the rating reaches them.
  await operator.getByRole("button", { name: "Request rating" }).click();
  await chat.getByRole("radio", { name: "4 out of 5" }).check();
  await chat.getByLabel("Comment (optional)").fill("Quick answer");
  await chat.getByRole("button", { name: "Send rating" }).click();
  await chat.getByText("You rated this chat 4 out of 5. Thank you!").waitFor();
  await operator.getByText("Rating: 4 / 5").waitFor();

  // The customer leaves: the operator keeps the chat until they end it.
  await chat.getByRole("button", { name: "End chat" }).click();
  await chat.getByRole("button", { name: "End chat" }).click();
  await chat.getByText("You ended this chat.").waitFor();
  await operator.getByText("The customer has left.", { exact: false }).waitFor();
  await operator.getByRole("log").getByText("The customer ended the chat.").waitFor();
  // Nothing left to ask of the customer or to hand to a colleague.
  expect(await operator.getByRole("button", { name: "Request rating" }).isDisabled()).toBe(true);
  expect(await operator.getByRole("button", { name: "Transfer to" }).isDisabled()).toBe(true);

  // The operator ends it: it leaves their workspace and is closed for the customer.
  await operator.getByRole("button", { name: "End chat" }).click();
  await operator.getByRole("alertdialog").getByRole("button", { name: "End chat" }).click();
  await operator.getByText("No chats.", { exact: false }).waitFor();
  await chat.getByText("This chat has ended.").waitFor();
  await chat.getByText("The operator ended the chat.").waitFor();
});

it("tells a waiting customer when every operator has gone away, and again when one is back", async () => {
  const operator = await newPage();
  await adminGoesOnline(operator, server.url);

  const customer = await newPage();
  await customer.goto(`${server.url}/demo/`);
  await customer.getByRole("button", { name: "Open chat" }).click();
  const chat = customer.frameLocator('iframe[title="Chat"]');
  await chat.getByLabel("I agree to the collection of personal information").check();
  await chat.getByRole("button", { name: "Start chat" }).click();
  await chat.getByText("Waiting for an operator…").waitFor();

  // The only operator goes on break before opening the chat: nobody can take it.
  await chooseStatus(operator, "On break");
  await chat.getByText("All our operators are busy or away right now.", { exact: false }).waitFor();
  await chooseStatus(operator, "Online");
  await chat.getByText("Waiting for an operator…").waitFor();
});

it("tells the site's owner, in the browser console, that the embed code's key names no service", async () => {
  const page = await newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  // A page of the site with a mistyped key in its embed code.
  const site = `${server.url}/a-shop-page.html`;
  await page.route(site, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Shop</title>${embedCode(server.url, "no-such-service-key")}`,
    }),
  );
  await page.goto(site);
  await page.getByRole("button", { name: "Open chat" }).click();
  const chat = page.frameLocator('iframe[title="Chat"]');
  await chat.getByText("Chat is not available for this service at the moment.").waitFor();
  await expect
    .poll(() => errors.join("\n"))
    .toContain('Madoguchi: no service has the key "no-such-service-key"');
});
