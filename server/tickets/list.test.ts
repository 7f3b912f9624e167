/** The console's ticket list (issue 12): the filters a support lead combines, last updated
 *  first, paged by cursor, only the operator's services. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcessingType } from "../categories/categories.js";
import { customerFor } from "../customers/customers.js";
import type { ServiceRow } from "../services/services.js";
import { buildOperator, buildService, call, type TestOperator } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { liveChat } from "../test/live-chat.js";
import { tickets } from "../test/tables.js";
import { openTicketFromForm, type TicketRow } from "./tickets.js";

let server: TestServer;
let service: ServiceRow;
let lead: TestOperator;
let colleague: TestOperator;
beforeAll(async () => {
  server = await startTestServer();
  service = await buildService(server);
  lead = await buildOperator(server, { services: [service], name: "Lena Lead" });
  colleague = await buildOperator(server, { services: [service], name: "Carl Colleague" });
});
afterAll(() => server.close());

/** A form ticket of the service, last updated `minutesAgo` (so the order is the test's). */
async function formTicket(
  subject: string,
  fields: Partial<Pick<TicketRow, "status" | "assigneeId" | "processingTypeId">> = {},
  minutesAgo = 0,
  inService = service,
) {
  const { db } = server.app.context;
  const customer = await customerFor(db, inService.id, { customerId: null, identity: null });
  const row = await openTicketFromForm(db, {
    serviceId: inService.id,
    customerId: customer.id,
    form: { name: "A", email: "a@example.com", subject, message: "…", processingTypeId: null },
  });
  const solvedAt = fields.status === "solved" || fields.status === "closed" ? new Date() : null;
  await db
    .update(tickets)
    .set({ ...fields, solvedAt, updatedAt: sql`now() - ${`${minutesAgo} minutes`}::interval` })
    .where(eq(tickets.id, row.id));
  return row.id;
}

async function list(query: string, cookie = lead.cookie): Promise<string[]> {
  const answer = await call(server, "GET", `/api/tickets?serviceId=${service.id}&${query}`, {
    cookie,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.tickets.map((ticket: { id: string }) => ticket.id);
}

describe("the ticket list", () => {
  it("filters by status, channel, assignee (an operator, me, unassigned), processing type with its descendants, and words", async () => {
    const { db } = server.app.context;
    const orders = await createProcessingType(db, service, { names: { en: "Orders" } }, null);
    const late = await createProcessingType(
      db,
      service,
      { parentId: orders.id, names: { en: "Late" } },
      null,
    );
    const billing = await createProcessingType(db, service, { names: { en: "Billing" } }, null);
    const mine = await formTicket("Parcel is LATE", {
      status: "open",
      assigneeId: lead.id,
      processingTypeId: late.id,
    });
    const theirs = await formTicket("請求書が届かない", {
      status: "pending",
      assigneeId: colleague.id,
      processingTypeId: billing.id,
    });
    const nobody = await formTicket("Wrong size", { processingTypeId: orders.id });
    const chat = await liveChat(server, service);
    const fromChat = (
      await call(server, "POST", `/api/chats/${chat.chatId}/ticket`, {
        cookie: chat.operator.cookie,
      })
    ).body.ticket.id;
    await call(server, "POST", `/api/tickets/${nobody}/notes`, {
      cookie: lead.cookie,
      body: { body: "Customer wants a refund for the wrong item" },
    });
    const ours = [mine, theirs, nobody, fromChat];

    const only = async (query: string) => (await list(query)).filter((id) => ours.includes(id));
    expect(await only("status=open")).toEqual([mine]);
    expect(await only("status=pending")).toEqual([theirs]);
    expect(await only("channel=chat")).toEqual([fromChat]);
    expect((await only("channel=form")).sort()).toEqual([mine, theirs, nobody].sort());
    expect(await only("assignee=me")).toEqual([mine]);
    expect(await list("assignee=me", colleague.cookie)).toEqual([theirs]);
    expect(await only(`assignee=${colleague.id}`)).toEqual([theirs]);
    expect((await only("assignee=unassigned")).sort()).toEqual([nobody, fromChat].sort());
    expect((await only(`processingTypeId=${orders.id}`)).sort()).toEqual([mine, nobody].sort());
    expect(await only(`processingTypeId=${late.id}`)).toEqual([mine]);
    expect(await only("q=late")).toEqual([mine]);
    expect(await only(`q=${encodeURIComponent("請求書")}`)).toEqual([theirs]);
    expect(await only("q=REFUND")).toEqual([nobody]);
    expect(await only(`q=${encodeURIComponent("refund wrong")}`)).toEqual([nobody]);
    expect(await only(`q=${encodeURIComponent("refund late")}`)).toEqual([]);
    expect(await only(`q=${encodeURIComponent("100%")}`)).toEqual([]);
    expect(await only(`status=open&assignee=me&processingTypeId=${orders.id}&q=parcel`)).toEqual([
      mine,
    ]);
  });

  it("lists the last updated first, a page at a time, each ticket once", async () => {
    const other = await buildService(server);
    const reader = await buildOperator(server, { services: [other] });
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      ids.push(await formTicket(`Paged ${index}`, {}, 100 - index, other));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `serviceId=${other.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page: { status: number; body: { tickets: { id: string }[]; nextCursor: string } } =
        await call(server, "GET", `/api/tickets?${query}`, { cookie: reader.cookie });
      expect(page.body.tickets.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.tickets.map((ticket) => ticket.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const changed = ids[0] as string;
    const page = await call(server, "PATCH", `/api/tickets/${changed}`, {
      cookie: reader.cookie,
      body: { version: 1, status: "open" },
    });
    expect(page.status).toBe(200);
    const first = await call(server, "GET", `/api/tickets?serviceId=${other.id}&limit=1`, {
      cookie: reader.cookie,
    });
    expect(first.body.tickets.map((ticket: { id: string }) => ticket.id)).toEqual([changed]);
    expect((await list("", reader.cookie)).length).toBe(0);
  });

  it("shows an operator only their services' tickets, and refuses a malformed filter as its field", async () => {
    const elsewhere = await buildService(server);
    const hidden = await formTicket("Not yours", {}, 0, elsewhere);
    const everything = await call(server, "GET", "/api/tickets?limit=100", { cookie: lead.cookie });
    expect(everything.body.tickets.map((ticket: { id: string }) => ticket.id)).not.toContain(
      hidden,
    );
    expect(
      everything.body.tickets.every(
        (ticket: { serviceId: string }) => ticket.serviceId === service.id,
      ),
    ).toBe(true);
    const named = await call(server, "GET", `/api/tickets?serviceId=${elsewhere.id}`, {
      cookie: lead.cookie,
    });
    expect(named.body.tickets).toEqual([]);
    for (const [query, field] of [
      ["status=done", "querystring.status"],
      ["assignee=someone", "querystring.assignee"],
      ["cursor=abc", "querystring.cursor"],
      ["limit=1000", "querystring.limit"],
    ]) {
      const refused = await call(server, "GET", `/api/tickets?${query}`, { cookie: lead.cookie });
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.field, query).toBe(field);
    }
  });
});
