/** The help center's inquiry form (issue 14): a plain POST form, usable without JavaScript. */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAttachmentLimits } from "../../shared/attachment-rules.js";
import { createProcessingType } from "../categories/categories.js";
import { adminCookie, buildService, call } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { tickets } from "../test/tables.js";

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await adminCookie(server);
});
afterAll(() => server.close());

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

async function submit(path: string, fields: Record<string, string>) {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

const ticketsOf = (serviceId: string) =>
  server.app.context.db.select().from(tickets).where(eq(tickets.serviceId, serviceId));

const typed = {
  name: "山田 花子",
  email: "hanako@example.jp",
  subject: "請求書について",
  message: "先月の請求書が<届いて>いません。",
  consent: "yes",
};

describe("the help center's inquiry form", () => {
  it("is linked from the home page and offers the service's processing types in use", async () => {
    const shop = await buildService(server, { name: "Acme shop" });
    const orders = await createProcessingType(
      server.app.context.db,
      shop,
      { names: { en: "Orders" } },
      null,
    );
    await createProcessingType(
      server.app.context.db,
      shop,
      { parentId: orders.id, names: { en: "Returns" } },
      null,
    );
    const home = await page(`/h/${shop.key}/`);
    expect(home.html).toContain(`href="/h/${shop.key}/inquiry"`);
    const form = await page(`/h/${shop.key}/inquiry`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('<form class="inquiry" method="post"');
    expect(form.html).toContain(">Orders</option>");
    expect(form.html).toContain(">Orders › Returns</option>");
  });

  it("makes a form ticket and shows its reference on the confirmation, promising no email", async () => {
    const shop = await buildService(server);
    const sent = await submit(`/h/${shop.key}/inquiry`, typed);
    expect(sent.status).toBe(303);
    const [ticket] = await ticketsOf(shop.id);
    expect(ticket).toMatchObject({ channel: "form", subject: typed.subject });
    expect(ticket?.form).toMatchObject({ name: typed.name, message: typed.message });
    const location = sent.headers.get("location") ?? "";
    expect(location).toBe(`/h/${shop.key}/inquiry/sent?reference=${ticket?.number}`);
    const confirmation = await page(location);
    expect(confirmation.html).toContain(`#${ticket?.number}`);
    expect(confirmation.html).toContain("No confirmation email is sent.");
  });

  it("comes back on an error with everything typed kept and each refusal beside its field, in the page's language", async () => {
    const shop = await buildService(server, { defaultLanguage: "ja" });
    const answer = await submit(`/h/${shop.key}/inquiry`, {
      ...typed,
      email: "hanako",
      subject: "",
      consent: "",
    });
    expect(answer.status).toBe(400);
    const { html } = answer;
    expect(html).toContain('value="山田 花子"');
    expect(html).toContain('value="hanako"');
    expect(html).toContain("先月の請求書が&lt;届いて&gt;いません。</textarea>");
    expect(html).toContain(
      '<span class="error" id="email-error">name@example.com のような形式のメールアドレスを入力してください。</span>',
    );
    expect(html).toContain('<span class="error" id="subject-error">入力してください。</span>');
    expect(html).toContain(
      '<span class="error" id="consent-error">送信するには同意が必要です。</span>',
    );
    expect(html).not.toContain("name-error");
    expect(html).toContain("入力内容をご確認ください（3 件）。");
    expect(await ticketsOf(shop.id)).toEqual([]);
  });

  it("answers a browser past INQUIRIES_PER_MINUTE with a page in its language saying to wait, not JSON", async () => {
    const limited = await startTestServer({ env: { INQUIRIES_PER_MINUTE: "1" } });
    try {
      const service = await buildService(limited);
      const post = () =>
        fetch(`${limited.url}/h/${service.key}/inquiry`, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            accept: "text/html,application/xhtml+xml",
            "accept-language": "ja",
          },
          body: new URLSearchParams(typed).toString(),
          redirect: "manual",
        });
      expect((await post()).status).toBe(303);
      const refused = await post();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toContain("text/html");
      const html = await refused.text();
      expect(html).toContain("送信が多すぎます");
      expect(html).toContain("1分ほど待ってから");
    } finally {
      await limited.close();
    }
  });

  it("answers a filled honeypot with a confirmation and stores nothing", async () => {
    const shop = await buildService(server);
    const sent = await submit(`/h/${shop.key}/inquiry`, { ...typed, fax_number: "spam" });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/h/${shop.key}/inquiry/sent?`);
    expect(await ticketsOf(shop.id)).toEqual([]);
  });

  it("is not offered by a service for logged-in users only", async () => {
    const shop = await buildService(server);
    await call(server, "PATCH", `/api/services/${shop.id}/embed`, {
      cookie: admin,
      body: { loginRequired: true },
    });
    await server.app.context.services.changed(shop.id);
    expect((await page(`/h/${shop.key}/`)).html).not.toContain("/inquiry");
    expect((await page(`/h/${shop.key}/inquiry`)).status).toBe(404);
    expect((await submit(`/h/${shop.key}/inquiry`, typed)).status).toBe(404);
    expect(await ticketsOf(shop.id)).toEqual([]);
  });
});

describe("the inquiry form's attachment", () => {
  const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");

  /** The form as a browser sends it with a file chosen: multipart, the file among the fields. */
  async function submitWithFile(path: string, name: string, bytes: Buffer) {
    const form = new FormData();
    for (const [key, value] of Object.entries(typed)) form.append(key, value);
    form.append("attachment", new Blob([bytes]), name);
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    return { status: response.status, html: await response.text() };
  }

  it("keeps the customer's file with the ticket, for the service's people to open", async () => {
    const shop = await buildService(server);
    const form = await page(`/h/${shop.key}/inquiry`);
    expect(form.html).toContain('enctype="multipart/form-data"');
    expect(form.html).toContain('type="file" id="attachment" name="attachment"');
    expect(form.html).toContain("One file of up to 10 MB");

    expect((await submitWithFile(`/h/${shop.key}/inquiry`, "請求書.pdf", pdf)).status).toBe(303);
    const [ticket] = await ticketsOf(shop.id);
    const detail = await call(server, "GET", `/api/tickets/${ticket?.id}`, { cookie: admin });
    expect(detail.body.ticket.form.attachment).toMatchObject({
      name: "請求書.pdf",
      contentType: "application/pdf",
      size: pdf.length,
    });
    const file = await fetch(
      `${server.url}/api/attachments/${detail.body.ticket.form.attachment.id}`,
      {
        headers: { cookie: admin },
      },
    );
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it("sends a form without a file as before", async () => {
    const shop = await buildService(server);
    const form = new FormData();
    for (const [key, value] of Object.entries(typed)) form.append(key, value);
    form.append("attachment", new Blob([]), "");
    const response = await fetch(`${server.url}/h/${shop.key}/inquiry`, {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    const [ticket] = await ticketsOf(shop.id);
    expect(ticket?.form?.attachment).toBeUndefined();
  });

  it("refuses a file of a type not accepted beside its field, keeping what was typed and storing nothing", async () => {
    const shop = await buildService(server);
    const refused = await submitWithFile(`/h/${shop.key}/inquiry`, "setup.exe", Buffer.from("MZ"));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(
      '<span class="error" id="attachment-error">Files of this type cannot be sent.</span>',
    );
    expect(refused.html).toContain(`value="${typed.subject}"`);
    expect(await ticketsOf(shop.id)).toEqual([]);

    const fake = await submitWithFile(`/h/${shop.key}/inquiry`, "photo.png", pdf);
    expect(fake.status).toBe(400);
    expect(fake.html).toContain("This file is not what its name says");
    expect(await ticketsOf(shop.id)).toEqual([]);
  });

  it("refuses a file over the size limit, and a valid file is not kept when a field is refused", async () => {
    const shop = await buildService(server);
    await call(server, "PUT", "/api/attachment-limits", {
      cookie: admin,
      body: { maxBytes: 1000, extensions: ["pdf", "txt"] },
    });
    try {
      const big = await submitWithFile(`/h/${shop.key}/inquiry`, "big.txt", Buffer.alloc(5000, 97));
      expect(big.status).toBe(400);
      expect(big.html).toContain("This file is too large: files can be at most 1,000B.");
      const before = await readdir(path.join(server.dataDir, "attachments")).catch(() => []);
      const form = new FormData();
      for (const [key, value] of Object.entries({ ...typed, email: "not an email" })) {
        form.append(key, value);
      }
      form.append("attachment", new Blob([pdf]), "ok.pdf");
      const response = await fetch(`${server.url}/h/${shop.key}/inquiry`, {
        method: "POST",
        body: form,
      });
      expect(response.status).toBe(400);
      const after = await readdir(path.join(server.dataDir, "attachments")).catch(() => []);
      expect(after.length).toBe(before.length);
      expect(await ticketsOf(shop.id)).toEqual([]);
    } finally {
      await call(server, "PUT", "/api/attachment-limits", {
        cookie: admin,
        body: defaultAttachmentLimits,
      });
    }
  });
});
