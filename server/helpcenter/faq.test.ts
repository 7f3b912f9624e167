/** The help center's FAQ and introduction as administrators manage them (issue 14). */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceRow } from "../services/services.js";
import { adminCookie, buildOperator, buildService, call } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { auditLog } from "../test/tables.js";

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await adminCookie(server);
});
afterAll(() => server.close());

const base = (serviceId: string) => `/api/services/${serviceId}/help-center`;
const entryPath = (serviceId: string, id?: string) =>
  `${base(serviceId)}/faq-entries${id ? `/${id}` : ""}`;

const delivery = {
  published: true,
  texts: {
    en: { title: "When does my order arrive?", answer: "Within **3 days**." },
    ja: { title: "注文はいつ届きますか？", answer: "**3日以内**に届きます。" },
  },
};

/** A service that speaks English (its default) and Japanese. */
async function bilingualService(): Promise<ServiceRow> {
  const service = await buildService(server);
  const changed = await call(server, "PATCH", `/api/services/${service.id}`, {
    cookie: admin,
    body: { languages: ["en", "ja"] },
  });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  return service;
}

async function create(serviceId: string, body: unknown = delivery) {
  const created = await call(server, "POST", entryPath(serviceId), { cookie: admin, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.faqEntry as { id: string; position: number };
}

const order = async (serviceId: string) =>
  (await call(server, "GET", base(serviceId), { cookie: admin })).body.helpCenter.faqEntries.map(
    (entry: { id: string; position: number }) => [entry.id, entry.position],
  );

describe("the FAQ of a help center", () => {
  it("is added to, changed, reordered and deleted, each change in the audit log", async () => {
    const service = await bilingualService();
    const first = await create(service.id);
    const second = await create(service.id, {
      published: false,
      texts: { en: { title: "Can I return an item?", answer: "Yes, within 30 days." } },
    });
    expect([first.position, second.position]).toEqual([0, 1]);

    const changed = await call(server, "PUT", entryPath(service.id, second.id), {
      cookie: admin,
      body: {
        published: true,
        texts: {
          en: { title: "Can I return an item?", answer: "Yes, within 60 days." },
          ja: { title: "  ", answer: "" },
        },
      },
    });
    expect(changed.body.faqEntry).toEqual({
      id: second.id,
      position: 1,
      published: true,
      texts: { en: { title: "Can I return an item?", answer: "Yes, within 60 days." } },
    });

    const moved = await call(server, "POST", `${entryPath(service.id, second.id)}/move`, {
      cookie: admin,
      body: { position: 0 },
    });
    expect(moved.body.faqEntry.position).toBe(0);
    expect(await order(service.id)).toEqual([
      [second.id, 0],
      [first.id, 1],
    ]);
    // Past the end is last.
    await call(server, "POST", `${entryPath(service.id, second.id)}/move`, {
      cookie: admin,
      body: { position: 99 },
    });
    expect(await order(service.id)).toEqual([
      [first.id, 0],
      [second.id, 1],
    ]);

    const third = await create(service.id);
    expect(
      (await call(server, "DELETE", entryPath(service.id, first.id), { cookie: admin })).status,
    ).toBe(204);
    expect(await order(service.id)).toEqual([
      [second.id, 0],
      [third.id, 1],
    ]);
    const again = await call(server, "DELETE", entryPath(service.id, first.id), { cookie: admin });
    expect(again.body.error.code).toBe("faq_entry_not_found");

    const audited = await server.app.context.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, second.id))
      .orderBy(auditLog.createdAt, auditLog.id);
    expect(audited.map((row) => [row.subject, row.action, row.serviceId, row.after])).toEqual([
      [
        "faq_entry",
        "created",
        service.id,
        {
          published: false,
          position: 1,
          "title.en": "Can I return an item?",
          "answer.en": "Yes, within 30 days.",
        },
      ],
      [
        "faq_entry",
        "changed",
        service.id,
        { published: true, "answer.en": "Yes, within 60 days." },
      ],
      ["faq_entry", "changed", service.id, { position: 0 }],
      ["faq_entry", "changed", service.id, { position: 1 }],
    ]);
  });

  it("keeps the introduction per language, audited", async () => {
    const service = await bilingualService();
    const path = `${base(service.id)}/introduction`;
    const saved = await call(server, "PUT", path, {
      cookie: admin,
      body: { introduction: { en: "Welcome to our help.", ja: "  " } },
    });
    expect(saved.body).toEqual({ introduction: { en: "Welcome to our help." } });
    await call(server, "PUT", path, {
      cookie: admin,
      body: { introduction: { en: "Welcome.", ja: "ようこそ。" } },
    });
    const read = await call(server, "GET", base(service.id), { cookie: admin });
    expect(read.body.helpCenter).toEqual({
      introduction: { en: "Welcome.", ja: "ようこそ。" },
      faqEntries: [],
    });
    const audited = await server.app.context.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subject, "help_center"));
    expect(audited.filter((row) => row.serviceId === service.id).map((row) => row.after)).toEqual([
      { "introduction.en": "Welcome to our help." },
      { "introduction.en": "Welcome.", "introduction.ja": "ようこそ。" },
    ]);
  });

  it("refuses a blank title, a text too long, a bad link and a language the service does not speak, storing nothing", async () => {
    const service = await bilingualService();
    const refusal = async (texts: unknown, path = entryPath(service.id)) => {
      const answer = await call(server, "POST", path, {
        cookie: admin,
        body: { published: true, texts },
      });
      expect(answer.status).toBe(400);
      return answer.body.error;
    };
    expect(await refusal({ en: { title: " ", answer: "An answer." } })).toMatchObject({
      field: "body.texts.en.title",
      reason: "required",
    });
    expect(await refusal({ en: { title: "A question?", answer: "" } })).toMatchObject({
      field: "body.texts.en.answer",
      reason: "required",
    });
    // The default language (English) is needed.
    expect(await refusal({ ja: { title: "質問", answer: "答え" } })).toMatchObject({
      field: "body.texts.en.title",
      reason: "required",
    });
    expect(await refusal({ en: { title: "x".repeat(201), answer: "An answer." } })).toMatchObject({
      field: "body.texts.en.title",
      reason: "too_long",
      limit: 200,
    });
    for (const link of [
      "javascript:alert(1)",
      "data:text/html,hi",
      "/relative",
      "ftp://x.example",
    ]) {
      expect(
        await refusal({ en: { title: "Links", answer: `See [this](${link}).` } }),
        link,
      ).toMatchObject({ field: "body.texts.en.answer", reason: "unsafe_link" });
    }
    expect(
      await refusal({
        en: { title: "Q", answer: "A" },
        ko: { title: "질문", answer: "답변" },
      }),
    ).toMatchObject({ field: "body.texts.ko", reason: "invalid_choice" });
    const introduction = await call(server, "PUT", `${base(service.id)}/introduction`, {
      cookie: admin,
      body: { introduction: { en: "[Click](javascript:alert(1))" } },
    });
    expect(introduction.body.error).toMatchObject({
      field: "body.introduction.en",
      reason: "unsafe_link",
    });
    // Links to web pages and mail addresses are fine.
    await create(service.id, {
      published: true,
      texts: {
        en: { title: "Links", answer: "[Site](https://x.example) [Mail](mailto:a@x.example)" },
      },
    });
    const read = await call(server, "GET", base(service.id), { cookie: admin });
    expect(read.body.helpCenter).toMatchObject({ introduction: {}, faqEntries: [{ position: 0 }] });
  });
});

describe("who may manage a help center", () => {
  it("lets administrators, and nobody else, read and change it", async () => {
    const service = await bilingualService();
    const other = await buildService(server);
    const member = await buildOperator(server, { services: [service] });
    const outsider = await buildOperator(server, { services: [other] });
    const existing = await create(service.id);
    const routes: ["GET" | "POST" | "PUT" | "DELETE", string, unknown][] = [
      ["GET", base(service.id), undefined],
      ["PUT", `${base(service.id)}/introduction`, { introduction: { en: "Hi" } }],
      ["POST", entryPath(service.id), delivery],
      ["PUT", entryPath(service.id, existing.id), delivery],
      ["POST", `${entryPath(service.id, existing.id)}/move`, { position: 0 }],
      ["DELETE", entryPath(service.id, existing.id), undefined],
    ];
    for (const [method, path, body] of routes) {
      const what = `${method} ${path}`;
      expect((await call(server, method, path, { body })).status, what).toBe(401);
      for (const cookie of [member.cookie, outsider.cookie]) {
        const refused = await call(server, method, path, { body, cookie });
        expect(refused.status, what).toBe(403);
        expect(refused.body.error.code, what).toBe("not_allowed");
      }
      expect((await call(server, method, path, { body, cookie: admin })).status, what).toBeLessThan(
        300,
      );
    }
    const unknown = await call(server, "GET", base(crypto.randomUUID()), { cookie: admin });
    expect(unknown.body.error.code).toBe("service_not_found");
    // An entry of one service is not reachable through another's path.
    const elsewhere = await create(other.id, {
      published: true,
      texts: { en: { title: "Elsewhere", answer: "Elsewhere." } },
    });
    const crossed = await call(server, "PUT", entryPath(service.id, elsewhere.id), {
      cookie: admin,
      body: delivery,
    });
    expect(crossed.body.error.code).toBe("faq_entry_not_found");
  });
});
