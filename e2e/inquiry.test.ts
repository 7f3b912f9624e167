/**
 * The inquiry form in a real browser (issue 14): with nobody online the widget's popup says so
 * and leads to its form, which keeps what was typed across an error and a reload, and the ticket
 * appears at once on the console's Tickets list already open; the help center's own form works without JavaScript.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adminWithDemoService, type FirstStart, firstStart } from "./browser.js";
import type { ServerProcess } from "./server-process.js";

let browser: Browser;
let server: ServerProcess;
let installation: FirstStart;
let admin: Page;
let helpCenterUrl: string;
let billingTypeId: string;

beforeAll(async () => {
  installation = await firstStart();
  ({ browser, server } = installation);
  const signedIn = await adminWithDemoService(installation);
  admin = signedIn.admin;
  const { service } = signedIn;
  helpCenterUrl = service.helpCenterUrl;
  const changed = await admin.request.patch(`${server.url}/api/services/${service.id}`, {
    data: { languages: ["en", "ja"] },
  });
  expect(changed.status()).toBe(200);
  const typed = await admin.request.post(
    `${server.url}/api/services/${service.id}/processing-types`,
    { data: { names: { en: "Billing", ja: "請求" } } },
  );
  expect(typed.status()).toBe(201);
  billingTypeId = ((await typed.json()) as { processingType: { id: string } }).processingType.id;
});

afterAll(() => installation?.close());

it("nobody online: the popup says so, its form keeps the typed text across an error and a reload, and the ticket is under Tickets", async () => {
  // The administrator is the only operator, and offline; their console shows Tickets throughout.
  await admin.getByRole("link", { name: "Tickets" }).click();
  await admin.waitForURL(/\/console\/tickets$/);
  const customer = await (await browser.newContext({ locale: "en-US" })).newPage();
  await customer.goto(helpCenterUrl);
  await customer.getByRole("button", { name: "Open chat" }).click();
  const widget = customer.frameLocator("iframe[title]");
  await widget.getByText("Nobody is online to chat right now.", { exact: false }).waitFor();
  await widget.getByRole("button", { name: "Send us your question" }).click();
  await widget.getByLabel("Name").fill("Hanako Yamada");
  await widget.getByLabel("Email").fill("hanako@example.jp");
  await widget.getByLabel("Topic").selectOption({ label: "Billing" });
  await widget.getByLabel("Subject").fill("Missing invoice");
  await widget.getByLabel("Your question").fill("Last month's invoice never arrived.");
  await widget.getByRole("button", { name: "Send", exact: true }).click();
  await widget.getByText("Please agree to send your question.").waitFor();
  expect(await widget.getByLabel("Subject").inputValue()).toBe("Missing invoice");

  // The window stays open across the reload (the site's pages keep it), the text in its form.
  await customer.reload();
  await widget.getByRole("button", { name: "Send us your question" }).click();
  expect(await widget.getByLabel("Your question").inputValue()).toBe(
    "Last month's invoice never arrived.",
  );
  expect(await widget.getByLabel("Topic").inputValue()).toBe(billingTypeId);
  await widget.getByLabel("I agree", { exact: false }).check();
  await widget.getByRole("button", { name: "Send", exact: true }).click();
  const reference = widget.getByText(/Your reference number is #\d+\./);
  await reference.waitFor();
  const number = (await reference.textContent())?.match(/#(\d+)/)?.[1];

  // On the list already open, without a reload: the socket said a ticket was made.
  const row = admin.getByRole("row", { name: /Missing invoice/ });
  await row.waitFor();
  expect(await row.textContent()).toContain(`#${number}`);
  // The topic the customer chose is the ticket's processing type.
  const listed = (await (await admin.request.get(`${server.url}/api/tickets`)).json()) as {
    tickets: Array<{ number: number; processingTypeId: string | null }>;
  };
  expect(listed.tickets.find((ticket) => ticket.number === Number(number))?.processingTypeId).toBe(
    billingTypeId,
  );
});

it("the help center's form without JavaScript: an error keeps the typed text, then the confirmation", async () => {
  const customer = await (
    await browser.newContext({ locale: "ja-JP", javaScriptEnabled: false })
  ).newPage();
  await customer.goto(helpCenterUrl);
  await customer.getByRole("link", { name: /お問い合わせフォームへ/ }).click();
  await customer.getByLabel("お名前").fill("山田 花子");
  await customer.getByLabel("メールアドレス").fill("hanako");
  await customer.getByLabel("件名").fill("配送について");
  await customer.getByLabel("お問い合わせ内容").fill("まだ届いていません。");
  await customer.getByLabel("個人情報", { exact: false }).check();
  await customer.getByRole("button", { name: "送信する" }).click();
  await customer
    .getByText("name@example.com のような形式のメールアドレスを入力してください。")
    .waitFor();
  expect(await customer.getByLabel("お問い合わせ内容").inputValue()).toBe("まだ届いていません。");
  expect(await customer.getByLabel("件名").inputValue()).toBe("配送について");
  await customer.getByLabel("メールアドレス").fill("hanako@example.jp");
  await customer.getByRole("button", { name: "送信する" }).click();
  await customer.getByRole("heading", { name: "お問い合わせを受け付けました" }).waitFor();
  await customer.getByText(/受付番号は #\d+ です。/).waitFor();
});
