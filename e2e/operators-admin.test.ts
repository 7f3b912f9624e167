/**
 * Operators from the console alone (issue 11): an administrator creates an operator, who logs in
 * with the password shown once, chooses their own, receives a chat and transfers it; deactivated,
 * their open console is logged out at once. Canned responses are added and listed.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN, adminGoesOnline, chooseStatus, type FirstStart, firstStart } from "./browser.js";
import type { ServerProcess } from "./server-process.js";

let browser: Browser;
let server: ServerProcess;
let installation: FirstStart;

beforeAll(async () => {
  // A first start: the administrator, and the demo service with them as its operator.
  installation = await firstStart();
  ({ browser, server } = installation);
});

afterAll(() => installation?.close());

async function newPage(): Promise<Page> {
  return (await browser.newContext({ locale: "en-US" })).newPage();
}

/** A customer on the demo page asks for a chat and writes. */
async function customerWrites(text: string): Promise<void> {
  const page = await newPage();
  await page.goto(`${server.url}/demo/`);
  await page.getByRole("button", { name: "Open chat" }).click();
  const chat = page.frameLocator('iframe[title="Chat"]');
  await chat.getByLabel("I agree to the collection of personal information").check();
  await chat.getByRole("button", { name: "Start chat" }).click();
  await chat.getByLabel("Message").fill(text);
  await chat.getByRole("button", { name: "Send" }).click();
  await chat.getByText(text).waitFor();
}

it("creates an operator who logs in with the shown password, gets a chat, transfers it, and is logged out at once when deactivated", async () => {
  const admin = await newPage();
  await adminGoesOnline(admin, server.url);
  await admin.getByRole("link", { name: "Administration" }).click();
  await admin.getByRole("link", { name: "Operators" }).click();
  await admin.getByRole("button", { name: "Add operator" }).click();
  const form = admin.getByRole("dialog");
  await form.getByLabel("Name").fill("Nina New");
  await form.getByLabel("Email").fill("nina@example.com");
  // A person clicks the label: react-aria keeps the input itself out of sight.
  await form.getByText("Demo service").click();
  expect(await form.getByRole("checkbox", { name: "Demo service" }).isChecked()).toBe(true);
  expect(await form.getByRole("switch", { name: "Gets chats" }).isChecked()).toBe(true);
  await form.getByRole("button", { name: "Create operator" }).click();
  const shown = admin.getByRole("dialog", { name: "Password for Nina New" });
  const password = (await shown.locator("code").textContent()) ?? "";
  expect(password).toMatch(/^[\w-]{16}$/);
  await shown.getByRole("button", { name: "Copy" }).click();
  await shown.getByRole("button", { name: "Copied" }).waitFor();
  await shown.getByRole("button", { name: "Done" }).click();
  const row = admin.getByRole("row", { name: /Nina New/ });
  await row.getByText("Demo service").waitFor();
  await row.getByText("Offline").waitFor();

  // The new operator logs in with the password shown, and must choose their own first.
  const nina = await newPage();
  await nina.goto(`${server.url}/console/`);
  await nina.getByLabel("Email").fill("nina@example.com");
  await nina.getByLabel("Password").fill(password);
  await nina.getByRole("button", { name: "Log in" }).click();
  await nina.getByRole("heading", { name: "Choose your password" }).waitFor();
  await nina.getByLabel("The password you were given").fill(password);
  await nina.getByLabel("New password", { exact: true }).fill("nina's own password");
  await nina.getByLabel("New password again").fill("nina's own password");
  await nina.getByRole("button", { name: "Save password" }).click();
  await chooseStatus(nina, "Online");
  await row.getByText("Online").waitFor();

  // With the administrator on break, the customer's chat goes to her.
  await chooseStatus(admin, "On break");
  await customerWrites("Where is my parcel?");
  await nina.getByRole("button", { name: /Customer/ }).click();
  await nina.getByRole("log").getByText("Where is my parcel?").waitFor();

  // She hands it to the administrator, back online.
  await chooseStatus(admin, "Online");
  await nina.getByRole("button", { name: "Transfer to" }).click();
  await nina.getByRole("menuitem", { name: "Administrator" }).click();
  await nina.getByText("No chats.", { exact: false }).waitFor();
  await admin.getByRole("button", { name: /^Chats/ }).click();
  await admin.getByRole("button", { name: /Customer/ }).click();
  await admin.getByRole("log").getByText("Where is my parcel?").waitFor();
  await admin.getByText("Nina New transferred the chat to Administrator.").waitFor();
  await admin.getByRole("link", { name: "Administration" }).click();
  await admin.getByRole("link", { name: "Operators" }).click();

  // Deactivated, her console is logged out at once and the list says so.
  await admin.getByRole("button", { name: "Actions for Nina New" }).click();
  await admin.getByRole("menuitem", { name: "Deactivate" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Deactivate" }).click();
  await nina.getByRole("heading", { name: "Log in to Madoguchi" }).waitFor();
  await row.getByText("Deactivated").waitFor();
  await admin.getByRole("button", { name: "Reactivate" }).waitFor();
});

it("keeps the last administrator from being deactivated, with a clear reason", async () => {
  const admin = await newPage();
  await admin.goto(`${server.url}/console/admin/operators`);
  await admin.getByLabel("Email").fill(ADMIN.email);
  await admin.getByLabel("Password").fill(ADMIN.password);
  await admin.getByRole("button", { name: "Log in" }).click();
  await admin.getByRole("button", { name: "Actions for Administrator" }).click();
  await admin.getByRole("menuitem", { name: "Deactivate" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Deactivate" }).click();
  await admin
    .getByRole("alertdialog")
    .getByText("This is the last active administrator", { exact: false })
    .waitFor();
});

it("adds a canned response that the service's list then shows", async () => {
  const admin = await newPage();
  await admin.goto(`${server.url}/console/admin`);
  await admin.getByLabel("Email").fill(ADMIN.email);
  await admin.getByLabel("Password").fill(ADMIN.password);
  await admin.getByRole("button", { name: "Log in" }).click();
  await admin.getByRole("link", { name: "Canned responses" }).click();
  await admin.getByText("No canned responses yet.", { exact: false }).waitFor();
  await admin.getByRole("button", { name: "New canned response" }).click();
  const form = admin.getByRole("dialog");
  await form.getByLabel("Title").fill("Refund policy");
  await form.getByLabel("Shortcut").fill("/refund now");
  await form.getByText("This is not in the expected format.").waitFor();
  await form.getByLabel("Shortcut").fill("/Refund");
  await form.getByLabel("Text (English)").fill("You can return any item within 30 days.");
  await form.getByRole("button", { name: "Create" }).click();
  await admin.getByText("/refund").waitFor();
  await admin.getByText("You can return any item within 30 days.").waitFor();

  // The same shortcut again is refused under its field, in the operator's language.
  await admin.getByRole("button", { name: "New canned response" }).click();
  await form.getByLabel("Title").fill("Another");
  await form.getByLabel("Shortcut").fill("/REFUND");
  await form.getByLabel("Text (English)").fill("Something else.");
  await form.getByRole("button", { name: "Create" }).click();
  await form.getByText("This is already in use. Choose another.").waitFor();
  // The refused field has the focus, so that a dialog taller than the screen shows its message.
  await expect
    .poll(() =>
      form.getByLabel("Shortcut").evaluate((field) => field.ownerDocument.activeElement === field),
    )
    .toBe(true);
});
