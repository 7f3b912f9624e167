/**
 * Files both ways in a real browser: the customer in the widget and the operator in the console
 * each send an image and a PDF; the other side sees the image as a thumbnail and the PDF as a link
 * that downloads it; a refused file is said plainly on both sides, before sending when the
 * browser can tell and after the server's refusal otherwise.
 */
import { readFile } from "node:fs/promises";
import type { Browser, FrameLocator, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminGoesOnline, adminWithDemoService, type FirstStart, firstStart } from "./browser.js";

let installation: FirstStart;
let browser: Browser;
let url: string;
beforeAll(async () => {
  installation = await firstStart();
  browser = installation.browser;
  url = installation.server.url;
});
afterAll(() => installation?.close());

const pdf = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

type Sender = Page | FrameLocator;
const attach = (side: Sender, name: string, mimeType: string, buffer: Buffer) =>
  side.locator('[data-testid="attach-input"]').setInputFiles({ name, mimeType, buffer });

/** The image has arrived and been drawn, not just put in the page. */
async function expectShown(image: Locator) {
  await image.waitFor();
  await expect
    .poll(() =>
      image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth),
    )
    .toBeGreaterThan(0);
}

/** Clicks the file's link and reads what the browser saved. */
async function downloaded(page: Page, link: Locator): Promise<Buffer> {
  const download = page.waitForEvent("download");
  await link.click();
  const file = await (await download).path();
  return readFile(file);
}

async function startChat(): Promise<{ operator: Page; customer: Page; widget: FrameLocator }> {
  const operator = await (
    await browser.newContext({ locale: "en-US", acceptDownloads: true })
  ).newPage();
  await adminGoesOnline(operator, url);
  const customer = await (
    await browser.newContext({ locale: "en-US", acceptDownloads: true })
  ).newPage();
  await customer.goto(`${url}/demo/`);
  await customer.getByRole("button", { name: "Open chat" }).click();
  const widget = customer.frameLocator('iframe[title="Chat"]');
  await widget.getByLabel("I agree to the collection of personal information").check();
  await widget.getByRole("button", { name: "Start chat" }).click();
  await widget.getByLabel("Message").fill("Here is what I see.");
  await widget.getByRole("button", { name: "Send" }).click();
  await operator
    .getByRole("button", { name: /Customer/ })
    .first()
    .click();
  await operator.getByRole("log").getByText("Here is what I see.").waitFor();
  return { operator, customer, widget };
}

describe("attachments in a chat", () => {
  it("carries an image and a PDF from the customer to the operator and back", async () => {
    const { operator, customer, widget } = await startChat();
    // A real picture: the console as it looks now.
    const screenshot = await operator.screenshot({ clip: { x: 0, y: 0, width: 400, height: 240 } });

    await attach(widget, "screenshot.png", "image/png", screenshot);
    await attach(widget, "receipt.pdf", "application/pdf", pdf);
    const log = operator.getByRole("log");
    await expectShown(log.getByRole("img", { name: "screenshot.png" }));
    const link = log.getByRole("link", { name: /receipt\.pdf/ });
    await expect.poll(() => link.textContent()).toMatch(/receipt\.pdf\s+125B/);
    expect((await downloaded(operator, link)).equals(pdf)).toBe(true);
    // The thumbnail opens the full image.
    expect(await log.getByRole("link", { name: /screenshot\.png/ }).getAttribute("target")).toBe(
      "_blank",
    );

    await attach(operator, "diagram.png", "image/png", screenshot);
    await attach(operator, "quote.pdf", "application/pdf", pdf);
    const transcript = widget.getByRole("log");
    await expectShown(transcript.getByRole("img", { name: "diagram.png" }));
    const quote = transcript.getByRole("link", { name: /quote\.pdf/ });
    expect((await downloaded(customer, quote)).equals(pdf)).toBe(true);

    // After a reload both transcripts still show them.
    await operator.reload();
    await operator
      .getByRole("button", { name: /Customer/ })
      .first()
      .click();
    await expectShown(operator.getByRole("log").getByRole("img", { name: "diagram.png" }));
    await customer.reload();
    await expectShown(widget.getByRole("log").getByRole("img", { name: "screenshot.png" }));
  });

  it("says why a file is refused, on both sides, before sending or after the server refused it", async () => {
    const { operator, widget } = await startChat();
    // The browser can tell by the name: refused before a byte is sent.
    await attach(widget, "setup.exe", "application/octet-stream", Buffer.from("MZ"));
    await widget
      .getByRole("alert")
      .getByText(/Files of this type cannot be sent/)
      .waitFor();
    // Only the server can tell by the bytes: a .png that is a PDF.
    await attach(operator, "photo.png", "image/png", pdf);
    await operator
      .getByRole("alert")
      .getByText("This file is not what its name says (for example a .png that is not an image).")
      .waitFor();
    await attach(operator, "setup.exe", "application/octet-stream", Buffer.from("MZ"));
    await operator
      .getByRole("alert")
      .getByText(/Files of this type cannot be sent/)
      .waitFor();
    await attach(widget, "photo.png", "image/png", pdf);
    await widget
      .getByRole("alert")
      .getByText(/This file is not what its name says/)
      .waitFor();
    // Nothing of them reached the other side: the transcripts hold only the first message.
    expect(await operator.getByRole("log").getByRole("link").count()).toBe(0);
    expect(await widget.getByRole("log").getByRole("link").count()).toBe(0);
  });
});

describe("the inquiry form's file", () => {
  it("goes with the widget's form and the help center's (without JavaScript) to the ticket, and a refused one is said beside the field", async () => {
    // A second installation, where nobody is online: the widget leads to its form.
    const quiet = await firstStart();
    try {
      const { admin, service } = await adminWithDemoService(quiet);
      const customer = await (await quiet.browser.newContext({ locale: "en-US" })).newPage();
      await customer.goto(service.helpCenterUrl);
      await customer.getByRole("button", { name: "Open chat" }).click();
      const widget = customer.frameLocator('iframe[title="Chat"]');
      await widget.getByRole("button", { name: "Send us your question" }).click();
      await widget.getByLabel("Name").fill("Hanako Yamada");
      await widget.getByLabel("Email").fill("hanako@example.jp");
      await widget.getByLabel("Subject").fill("Broken parcel");
      await widget.getByLabel("Your question").fill("The box arrived crushed.");
      await widget.getByLabel("I agree", { exact: false }).check();
      const file = widget.getByLabel("Attachment (optional)");
      await file.setInputFiles({
        name: "setup.exe",
        mimeType: "application/octet-stream",
        buffer: Buffer.from("MZ"),
      });
      await widget.getByText(/Files of this type cannot be sent/).waitFor();
      await file.setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: pdf });
      await widget.getByRole("button", { name: "Send", exact: true }).click();
      // Only the server can tell a .png that is a PDF: said beside the field, the form kept.
      await widget.getByText(/This file is not what its name says/).waitFor();
      await file.setInputFiles({ name: "parcel.pdf", mimeType: "application/pdf", buffer: pdf });
      await widget.getByRole("button", { name: "Send", exact: true }).click();
      await widget.getByText(/Your reference number is #\d+\./).waitFor();

      const page = await (
        await quiet.browser.newContext({ locale: "en-US", javaScriptEnabled: false })
      ).newPage();
      await page.goto(`${service.helpCenterUrl}inquiry`);
      await page.getByLabel("Name").fill("Taro");
      await page.getByLabel("Email").fill("taro@example.jp");
      await page.getByLabel("Subject").fill("Invoice copy");
      await page.getByLabel("Your question").fill("Please send the invoice again.");
      await page.getByLabel("I agree", { exact: false }).check();
      await page
        .getByLabel("Attachment")
        .setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: pdf });
      await page.getByRole("button", { name: "Send" }).click();
      await page.getByText(/Your reference number is #\d+\./).waitFor();

      for (const [subject, name] of [
        ["Broken parcel", "parcel.pdf"],
        ["Invoice copy", "invoice.pdf"],
      ] as const) {
        await admin.goto(`${quiet.server.url}/console/tickets`);
        await admin.getByRole("link", { name: subject }).click();
        await admin.getByRole("tab", { name: "Inquiry form" }).click();
        const link = admin.getByRole("link", { name: new RegExp(name.replace(".", "\\.")) });
        expect((await downloaded(admin, link)).equals(pdf)).toBe(true);
      }
    } finally {
      await quiet.close();
    }
  });
});

describe("the file limits", () => {
  it("are set by an administrator on their screen: a type never accepted is refused beside the field, and what is saved is what the server checks", async () => {
    const { admin } = await adminWithDemoService(installation);
    await admin.goto(`${url}/console/admin/attachments`);
    await admin.getByRole("heading", { name: "File attachments" }).waitFor();
    const types = admin.getByLabel("Accepted file types");
    await expect.poll(() => types.inputValue()).toContain("png, jpg");
    await types.fill("png, svg");
    await admin.getByText("Never accepted, as a browser would run them: svg.").waitFor();
    expect(await admin.getByRole("button", { name: "Save" }).isDisabled()).toBe(true);
    await types.fill("png, .PDF");
    await admin.getByLabel("Largest file (MB)").fill("5");
    await admin.getByLabel("Largest file (MB)").press("Tab");
    await admin.getByRole("button", { name: "Save" }).click();
    await admin.getByText("Saved.").waitFor();
    const { limits } = (await (await admin.request.get(`${url}/api/attachment-limits`)).json()) as {
      limits: unknown;
    };
    expect(limits).toEqual({ maxBytes: 5 * 1024 * 1024, extensions: ["png", "pdf"] });
    await admin.reload();
    await expect.poll(() => types.inputValue()).toBe("png, pdf");
    expect(await admin.getByLabel("Largest file (MB)").inputValue()).toBe("5");
  });
});
