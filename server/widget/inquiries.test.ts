/** The inquiry form's route: what it refuses, what a bot gets, and the ticket operators see. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcessingType, setProcessingTypeRetired } from "../categories/categories.js";
import {
  adminCookie,
  buildOperator,
  buildService,
  call,
  operatorSocket,
  type TestOperator,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { customers, tickets } from "../test/tables.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const filled = {
  name: "山田 花子",
  email: "hanako@example.jp",
  subject: "請求書について",
  message: "先月の請求書が届いていません。",
  consent: true,
};

/** The answer's status and body, as the widget reads them. */
async function send(
  target: TestServer,
  serviceKey: string,
  body: unknown,
  headers: Record<string, string> = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the route answers
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${target.url}/api/widget/services/${serviceKey}/inquiries`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const ticketsOf = (serviceId: string) =>
  server.app.context.db.select().from(tickets).where(eq(tickets.serviceId, serviceId));

describe("an inquiry", () => {
  it("offers the service's processing types by their path in the customer's language, retired ones left out", async () => {
    const service = await buildService(server, { chatEnabled: false });
    const db = server.app.context.db;
    const orders = await createProcessingType(
      db,
      service,
      { names: { en: "Orders", ja: "注文" } },
      null,
    );
    const late = await createProcessingType(
      db,
      service,
      { names: { en: "Late delivery", ja: "配送遅延" }, parentId: orders.id },
      null,
    );
    const old = await createProcessingType(db, service, { names: { en: "Old" } }, null);
    await setProcessingTypeRetired(db, service, old.id, true, null);
    const offered = async (language: string) => {
      const response = await fetch(
        `${server.url}/api/widget/services/${service.key}/processing-types?language=${language}`,
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as { processingTypes: unknown }).processingTypes;
    };
    expect(await offered("ja")).toEqual([
      { id: orders.id, label: "注文" },
      { id: late.id, label: "注文 › 配送遅延" },
    ]);
    // Korean is not written: the service's default language names them.
    expect(await offered("ko")).toEqual([
      { id: orders.id, label: "Orders" },
      { id: late.id, label: "Orders › Late delivery" },
    ]);
  });

  it("is announced at once to the consoles of the service's members and of administrators, not to others", async () => {
    const service = await buildService(server, { chatEnabled: false });
    const elsewhere = await buildService(server, { chatEnabled: false });
    const member = await buildOperator(server, { services: [service] });
    const outsider = await buildOperator(server, { services: [elsewhere] });
    const administrator = { cookie: await adminCookie(server) } as TestOperator;
    const memberWs = await operatorSocket(server, member);
    const outsiderWs = await operatorSocket(server, outsider);
    const administratorWs = await operatorSocket(server, administrator);
    const response = await send(server, service.key, filled);
    expect(response.status).toBe(201);
    const [ticket] = await ticketsOf(service.id);
    for (const socket of [memberWs, administratorWs]) {
      const notice = await socket.next("ticket");
      expect(notice).toEqual({ type: "ticket", ticketId: ticket?.id, serviceId: service.id });
    }
    // The outsider's next notice is of their own service's inquiry, sent after: none came before.
    expect((await send(server, elsewhere.key, filled)).status).toBe(201);
    expect(await outsiderWs.next("ticket")).toMatchObject({ serviceId: elsewhere.id });
    expect(outsiderWs.frames.filter((frame) => frame.type === "ticket")).toHaveLength(1);
    for (const socket of [memberWs, outsiderWs, administratorWs]) socket.close();
  });

  it("becomes a form ticket with what was sent, listed for the service's operators at once", async () => {
    const service = await buildService(server, { chatEnabled: false });
    const operator = await buildOperator(server, { services: [service] });
    const orders = await createProcessingType(
      server.app.context.db,
      service,
      { names: { en: "Orders" } },
      null,
    );
    const response = await send(server, service.key, { ...filled, processingTypeId: orders.id });
    expect(response.status).toBe(201);
    const { inquiry } = response.body;
    expect(inquiry.reference).toBeGreaterThan(0);

    const list = await call(server, "GET", `/api/tickets?serviceId=${service.id}`, {
      cookie: operator.cookie,
    });
    expect(list.status).toBe(200);
    const [summary] = list.body.tickets;
    expect(summary).toMatchObject({
      number: inquiry.reference,
      channel: "form",
      status: "new",
      subject: filled.subject,
      processingTypeId: orders.id,
      customer: { name: filled.name, email: filled.email },
    });
    const detail = await call(server, "GET", `/api/tickets/${summary.id}`, {
      cookie: operator.cookie,
    });
    expect(detail.body.ticket.form).toEqual({
      name: filled.name,
      email: filled.email,
      subject: filled.subject,
      message: filled.message,
      processingTypeId: orders.id,
    });
  });

  it.each([
    ["name", { ...filled, name: "  " }, "required"],
    ["email", { ...filled, email: "not an address" }, "invalid_format"],
    ["subject", { ...filled, subject: "x".repeat(201) }, "too_long"],
    ["message", { ...filled, message: undefined }, "required"],
    ["consent", { ...filled, consent: false }, "invalid_choice"],
  ])("refuses a wrong %s as its field, storing nothing", async (field, body, reason) => {
    const service = await buildService(server);
    const response = await send(server, service.key, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: "validation_failed",
      field: `body.${field}`,
      reason,
    });
    expect(await ticketsOf(service.id)).toEqual([]);
  });

  it("refuses a processing type the service does not offer, and leaves no customer behind", async () => {
    const service = await buildService(server);
    const other = await buildService(server);
    const { db } = server.app.context;
    const foreign = await createProcessingType(db, other, { names: { en: "Other's" } }, null);
    const retired = await createProcessingType(db, service, { names: { en: "Old" } }, null);
    await setProcessingTypeRetired(db, service, retired.id, true, null);
    for (const processingTypeId of [foreign.id, retired.id]) {
      const response = await send(server, service.key, { ...filled, processingTypeId });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        field: "body.processingTypeId",
        reason: "invalid_choice",
      });
    }
    expect(await ticketsOf(service.id)).toEqual([]);
    expect(await db.select().from(customers).where(eq(customers.serviceId, service.id))).toEqual(
      [],
    );
  });

  it("answers a filled honeypot like a success and stores nothing", async () => {
    const service = await buildService(server);
    const response = await send(server, service.key, { ...filled, fax_number: "+1 555 0100" });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ inquiry: { reference: null } });
    expect(await ticketsOf(service.id)).toEqual([]);
  });

  it("holds to the service's allowed origins, its login-only rule, and knows no unknown key", async () => {
    const service = await buildService(server);
    const admin = await adminCookie(server);
    await call(server, "PATCH", `/api/services/${service.id}/embed`, {
      cookie: admin,
      body: { allowedOrigins: ["https://shop.example"] },
    });
    await server.app.context.services.changed(service.id);
    const stranger = await send(server, service.key, filled, { origin: "https://evil.example" });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe("origin_not_allowed");
    const allowed = await send(server, service.key, filled, { origin: "https://shop.example" });
    expect(allowed.status).toBe(201);

    await call(server, "PATCH", `/api/services/${service.id}/embed`, {
      cookie: admin,
      body: { loginRequired: true },
    });
    const anonymous = await send(server, service.key, filled, { origin: "https://shop.example" });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.error.code).toBe("identity_required");
    expect(await ticketsOf(service.id)).toHaveLength(1);

    const unknown = await send(server, "no-such-key", filled);
    expect(unknown.status).toBe(404);
  });
});

describe("the inquiries rate limit", () => {
  it("refuses an address's inquiries past INQUIRIES_PER_MINUTE with the limit's name", async () => {
    const limited = await startTestServer({ env: { INQUIRIES_PER_MINUTE: "2" } });
    try {
      const service = await buildService(limited);
      for (let index = 0; index < 2; index++) {
        expect((await send(limited, service.key, filled)).status).toBe(201);
      }
      const refused = await send(limited, service.key, filled);
      expect(refused.status).toBe(429);
      const { error } = refused.body;
      expect(error.code).toBe("rate_limited");
      expect(error.message).toContain('"inquiries"');
    } finally {
      await limited.close();
    }
  });
});

describe("the inquiry form's file, from the widget", () => {
  const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");
  const sendFile = async (serviceKey: string, name: string, bytes: Buffer) => {
    const response = await fetch(
      `${server.url}/api/widget/services/${serviceKey}/inquiry-attachments?name=${encodeURIComponent(name)}`,
      { method: "POST", headers: { "content-type": "application/octet-stream" }, body: bytes },
    );
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the route answers
    return { status: response.status, body: (await response.json()) as any };
  };

  it("is sent first, then named by the form, and kept with its ticket for the service's people", async () => {
    const service = await buildService(server);
    const file = await sendFile(service.key, "見積書.pdf", pdf);
    expect(file.status).toBe(201);
    expect(file.body.attachment).toMatchObject({
      name: "見積書.pdf",
      contentType: "application/pdf",
    });
    const sent = await send(server, service.key, {
      ...filled,
      attachmentId: file.body.attachment.id,
    });
    expect(sent.status).toBe(201);
    const [ticket] = await server.app.context.db
      .select()
      .from(tickets)
      .where(eq(tickets.serviceId, service.id));
    expect(ticket?.form?.attachment?.id).toBe(file.body.attachment.id);
    const download = await fetch(`${server.url}/api/attachments/${file.body.attachment.id}`, {
      headers: { cookie: await adminCookie(server) },
    });
    expect(download.status).toBe(200);

    // A file one form took, or another service's, is no file for this form.
    const again = await send(server, service.key, {
      ...filled,
      attachmentId: file.body.attachment.id,
    });
    expect(again.body.error).toMatchObject({ field: "body.attachmentId", reason: "invalid" });
    const other = await buildService(server);
    const theirs = await sendFile(other.key, "a.pdf", pdf);
    const wrong = await send(server, service.key, {
      ...filled,
      attachmentId: theirs.body.attachment.id,
    });
    expect(wrong.body.error).toMatchObject({ field: "body.attachmentId" });
  });

  it("refuses a file the limits refuse, and one for a service that does not exist", async () => {
    const service = await buildService(server);
    const refused = await sendFile(service.key, "setup.exe", Buffer.from("MZ"));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ field: "body.file", reason: "type_not_allowed" });
    expect((await sendFile("no-such-service", "a.pdf", pdf)).status).toBe(404);
  });
});
