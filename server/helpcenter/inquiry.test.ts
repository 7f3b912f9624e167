/** The help center's inquiry form (issue 14): a plain POST form, usable without JavaScript. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
