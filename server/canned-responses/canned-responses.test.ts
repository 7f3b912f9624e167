/** Canned responses (issue 11): administrators manage them per service; the service's operators
 *  read them, in the chat's language, for the workspace. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const pathOf = (serviceId: string, id?: string) =>
  `/api/services/${serviceId}/canned-responses${id ? `/${id}` : ""}`;

const refund = {
  title: "Refund policy",
  shortcut: "/Refund",
  texts: [
    { language: "en", text: "You can return any item within 30 days." },
    { language: "ja", text: "30日以内であれば返品できます。" },
  ],
};

async function create(serviceId: string, body: Record<string, unknown> = refund) {
  const created = await call(server, "POST", pathOf(serviceId), { cookie: admin, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.cannedResponse as { id: string; shortcut: string };
}

describe("canned responses", () => {
  it("are created, listed by language, changed and deleted, each change in the audit log", async () => {
    const service = await buildService(server);
    const operator = await buildOperator(server, { services: [service] });
    const created = await create(service.id);
    expect(created).toMatchObject({ shortcut: "/refund", title: "Refund policy" });
    await create(service.id, {
      title: "Greeting",
      shortcut: "/hello",
      texts: [{ language: "en", text: "Hello!" }],
    });

    const japanese = await call(server, "GET", `${pathOf(service.id)}?language=ja`, {
      cookie: operator.cookie,
    });
    expect(japanese.body.cannedResponses).toEqual([
      {
        id: created.id,
        serviceId: service.id,
        title: "Refund policy",
        shortcut: "/refund",
        texts: [{ language: "ja", text: "30日以内であれば返品できます。" }],
      },
    ]);
    const all = await call(server, "GET", pathOf(service.id), { cookie: operator.cookie });
    expect(all.body.cannedResponses.map((item: { shortcut: string }) => item.shortcut)).toEqual([
      "/hello",
      "/refund",
    ]);

    const changed = await call(server, "PUT", pathOf(service.id, created.id), {
      cookie: admin,
      body: {
        title: "Returns",
        shortcut: "/returns",
        texts: [{ language: "ko", text: "30일 이내에 반품할 수 있습니다." }],
      },
    });
    expect(changed.body.cannedResponse).toMatchObject({
      shortcut: "/returns",
      texts: [{ language: "ko", text: "30일 이내에 반품할 수 있습니다." }],
    });
    const noJapanese = await call(server, "GET", `${pathOf(service.id)}?language=ja`, {
      cookie: operator.cookie,
    });
    expect(noJapanese.body.cannedResponses).toEqual([]);

    const deleted = await call(server, "DELETE", pathOf(service.id, created.id), { cookie: admin });
    expect(deleted.status).toBe(204);
    const again = await call(server, "DELETE", pathOf(service.id, created.id), { cookie: admin });
    expect(again.body.error.code).toBe("canned_response_not_found");

    const audited = await server.app.context.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, created.id))
      .orderBy(auditLog.createdAt, auditLog.id);
    expect(audited.map((row) => [row.action, row.serviceId, row.after])).toEqual([
      [
        "created",
        service.id,
        { title: "Refund policy", shortcut: "/refund", texts: expect.any(Object) },
      ],
      [
        "changed",
        service.id,
        {
          title: "Returns",
          shortcut: "/returns",
          texts: { ko: "30일 이내에 반품할 수 있습니다." },
        },
      ],
      ["deleted", service.id, null],
    ]);
  });

  it("refuse a shortcut already used in the service (in any case), or not of the allowed form", async () => {
    const service = await buildService(server);
    const other = await buildService(server);
    await create(service.id);
    const refusal = async (serviceId: string, body: Record<string, unknown>) =>
      (
        await call(server, "POST", pathOf(serviceId), {
          cookie: admin,
          body: { ...refund, ...body },
        })
      ).body.error;
    expect(await refusal(service.id, { shortcut: "/REFUND" })).toMatchObject({
      field: "body.shortcut",
      reason: "taken",
    });
    // Another service has its own shortcuts; a shortcut may be written in any script.
    await create(other.id);
    await create(service.id, { ...refund, shortcut: "/返品" });
    for (const shortcut of ["refund", "/with space", "/", "/a.b", `/${"x".repeat(33)}`]) {
      expect(await refusal(service.id, { shortcut }), shortcut).toMatchObject({
        field: "body.shortcut",
        reason: "invalid_format",
      });
    }
    expect(await refusal(service.id, { shortcut: "/new", title: "" })).toMatchObject({
      field: "body.title",
      reason: "required",
    });
    expect(await refusal(service.id, { shortcut: "/new", texts: [] })).toMatchObject({
      field: "body.texts",
    });
    expect(
      await refusal(service.id, {
        shortcut: "/new",
        texts: [
          { language: "en", text: "a" },
          { language: "en", text: "b" },
        ],
      }),
    ).toMatchObject({ field: "body.texts" });
    expect(
      await refusal(service.id, { shortcut: "/new", texts: [{ language: "en", text: "  " }] }),
    ).toMatchObject({ field: "body.texts.0.text", reason: "required" });
  });

  it("changing one to another's shortcut is refused, and nothing of the change is kept", async () => {
    const service = await buildService(server);
    await create(service.id);
    const hello = await create(service.id, {
      title: "Hello",
      shortcut: "/hello",
      texts: [{ language: "en", text: "Hello!" }],
    });
    const refused = await call(server, "PUT", pathOf(service.id, hello.id), {
      cookie: admin,
      body: { title: "Changed", shortcut: "/refund", texts: [{ language: "ja", text: "x" }] },
    });
    expect(refused.body.error).toMatchObject({ field: "body.shortcut", reason: "taken" });
    const list = await call(server, "GET", pathOf(service.id), { cookie: admin });
    expect(list.body.cannedResponses).toContainEqual({
      id: hello.id,
      serviceId: service.id,
      title: "Hello",
      shortcut: "/hello",
      texts: [{ language: "en", text: "Hello!" }],
    });
  });
});

describe("who may use and manage canned responses", () => {
  it("lets the service's operators read them, administrators change them, and nobody else", async () => {
    const service = await buildService(server);
    const other = await buildService(server);
    const member = await buildOperator(server, { services: [service] });
    const outsider = await buildOperator(server, { services: [other] });
    const existing = await create(service.id);
    const body = { ...refund, shortcut: "/new" };
    const writes: ["POST" | "PUT" | "DELETE", string, unknown][] = [
      ["POST", pathOf(service.id), body],
      ["PUT", pathOf(service.id, existing.id), { ...body, shortcut: "/changed" }],
      ["DELETE", pathOf(service.id, existing.id), undefined],
    ];
    const read = pathOf(service.id);
    expect((await call(server, "GET", read)).status).toBe(401);
    expect((await call(server, "GET", read, { cookie: member.cookie })).status).toBe(200);
    const hidden = await call(server, "GET", read, { cookie: outsider.cookie });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe("service_not_found");
    expect((await call(server, "GET", read, { cookie: admin })).status).toBe(200);
    for (const [method, path, sent] of writes) {
      expect((await call(server, method, path, { body: sent })).status, method).toBe(401);
      for (const cookie of [member.cookie, outsider.cookie]) {
        expect((await call(server, method, path, { body: sent, cookie })).status, method).toBe(403);
      }
      expect(
        (await call(server, method, path, { body: sent, cookie: admin })).status,
        method,
      ).toBeLessThan(300);
    }
    const unknown = await call(server, "GET", pathOf(crypto.randomUUID()), { cookie: admin });
    expect(unknown.body.error.code).toBe("service_not_found");
    // A response of one service is not reachable through another's path.
    const elsewhere = await create(other.id, { ...refund, shortcut: "/elsewhere" });
    const crossed = await call(server, "DELETE", pathOf(service.id, elsewhere.id), {
      cookie: admin,
    });
    expect(crossed.body.error.code).toBe("canned_response_not_found");
  });
});
