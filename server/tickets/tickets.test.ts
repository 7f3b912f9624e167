/** Tickets (issue 12): made from a chat once, changed by the service's operators under the rules
 *  of PRODUCT.md's "Tickets", each change in the ticket's history. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcessingType, setProcessingTypeRetired } from "../categories/categories.js";
import { endChatByOperator } from "../chats/lifecycle.js";
import { customerFor } from "../customers/customers.js";
import { addMember } from "../services/services.js";
import { adminCookie, buildOperator, buildService, call } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { type LiveChat, liveChat } from "../test/live-chat.js";
import { chats, ticketHistory, tickets } from "../test/tables.js";
import { subjectFrom } from "./subject.js";
import { closeSolvedTickets, openTicketFromForm } from "./tickets.js";

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await adminCookie(server);
});
afterAll(() => server.close());

/** The customer writes in the chat; resolves once the operator has the message. */
async function customerWrites(chat: LiveChat, body: string) {
  chat.customerWs.send({ type: "message.send", chatId: chat.chatId, clientId: body, body });
  await chat.operatorWs.next("message", (frame) => frame.message.body === body);
}

async function chatTicket(chat: LiveChat, cookie = chat.operator.cookie) {
  const created = await call(server, "POST", `/api/chats/${chat.chatId}/ticket`, { cookie });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.ticket;
}

const patch = (ticketId: string, cookie: string, body: Record<string, unknown>) =>
  call(server, "PATCH", `/api/tickets/${ticketId}`, { cookie, body });

describe("Create ticket from a chat", () => {
  it('makes a "new" ticket with channel "chat": the customer, the processing type, the first message for subject, and the transcript', async () => {
    const chat = await liveChat(server);
    const type = await createProcessingType(
      server.app.context.db,
      chat.service,
      { names: { en: "Orders" } },
      null,
    );
    await server.app.context.db
      .update(chats)
      .set({ processingTypeId: type.id })
      .where(eq(chats.id, chat.chatId));
    await customerWrites(chat, "My order 1234 has not arrived\nI ordered it last week.");
    await customerWrites(chat, "Can you help?");

    const ticket = await chatTicket(chat);
    const [row] = await server.app.context.db.select().from(chats).where(eq(chats.id, chat.chatId));
    expect(ticket).toMatchObject({
      channel: "chat",
      status: "new",
      chatId: chat.chatId,
      subject: "My order 1234 has not arrived",
      processingTypeId: type.id,
      assigneeId: null,
      customer: { id: row?.customerId },
      form: null,
      notes: [],
      version: 1,
    });
    expect(ticket.number).toBeGreaterThan(0);
    expect(ticket.history).toEqual([
      expect.objectContaining({ field: "created", to: "chat", actorId: chat.operator.id }),
    ]);
    expect(
      ticket.transcript.filter((m: { author: string }) => m.author === "customer"),
    ).toMatchObject([
      { body: "My order 1234 has not arrived\nI ordered it last week." },
      { body: "Can you help?" },
    ]);
  });

  it("gives a second Create ticket the chat's ticket (200), and the chat names it", async () => {
    const chat = await liveChat(server);
    await customerWrites(chat, "Hello");
    const ticket = await chatTicket(chat);
    const again = await call(server, "POST", `/api/chats/${chat.chatId}/ticket`, {
      cookie: chat.operator.cookie,
    });
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(ticket.id);
    const list = await call(server, "GET", "/api/chats", { cookie: chat.operator.cookie });
    expect(list.body.chats).toEqual([
      expect.objectContaining({
        id: chat.chatId,
        ticket: { id: ticket.id, number: ticket.number },
      }),
    ]);
  });

  it("makes one ticket when several operators press Create ticket at once", async () => {
    const chat = await liveChat(server);
    const colleague = await buildOperator(server, { services: [chat.service] });
    const answers = await Promise.all(
      [chat.operator.cookie, colleague.cookie, admin, chat.operator.cookie].map((cookie) =>
        call(server, "POST", `/api/chats/${chat.chatId}/ticket`, { cookie }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((answer) => answer.body.ticket.id)).size).toBe(1);
    const rows = await server.app.context.db
      .select()
      .from(tickets)
      .where(eq(tickets.chatId, chat.chatId));
    expect(rows).toHaveLength(1);
  });

  it("is possible after the chat ended, for a member of the service who did not hold it", async () => {
    const chat = await liveChat(server);
    await customerWrites(chat, "Thanks, bye");
    await endChatByOperator(server.app.context, chat.chatId);
    const colleague = await buildOperator(server, { services: [chat.service] });
    const ticket = await chatTicket(chat, colleague.cookie);
    expect(ticket).toMatchObject({ subject: "Thanks, bye", chatId: chat.chatId });
  });

  it("is refused for a chat of another service, as if it did not exist", async () => {
    const chat = await liveChat(server);
    const stranger = await buildOperator(server, { services: [await buildService(server)] });
    const refused = await call(server, "POST", `/api/chats/${chat.chatId}/ticket`, {
      cookie: stranger.cookie,
    });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("chat_not_found");
  });
});

describe("a ticket's subject from the chat", () => {
  it("is the first line, spaces collapsed, cut near 80 characters at a space, or between characters in Japanese", () => {
    expect(subjectFrom("  \n  Where   is my\tparcel?  \nMore")).toBe("Where is my parcel?");
    const long = `${"word ".repeat(30)}end`;
    const cut = subjectFrom(long);
    expect(cut.endsWith("word…")).toBe(true);
    expect(Array.from(cut).length).toBeLessThanOrEqual(81);
    const japanese = "注文した商品がまだ届いていません。".repeat(10);
    expect(subjectFrom(japanese)).toBe(`${Array.from(japanese).slice(0, 80).join("")}…`);
    expect(subjectFrom("😀".repeat(100))).toBe(`${"😀".repeat(80)}…`);
    expect(subjectFrom(null)).toBe("");
  });
});

describe("changing a ticket", () => {
  it("records each change in the history: who, which field, from and to", async () => {
    const chat = await liveChat(server);
    await customerWrites(chat, "Refund please");
    const ticket = await chatTicket(chat);
    const changed = await patch(ticket.id, chat.operator.cookie, {
      version: ticket.version,
      subject: "Refund for order 1234",
      status: "open",
      assigneeId: chat.operator.id,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.ticket).toMatchObject({
      subject: "Refund for order 1234",
      status: "open",
      assigneeId: chat.operator.id,
      assigneeName: "Olivia Operator",
      version: ticket.version + 1,
    });
    const by = { actorId: chat.operator.id, actorName: "Olivia Operator" };
    expect(changed.body.ticket.history.slice(1)).toEqual([
      expect.objectContaining({
        ...by,
        field: "subject",
        from: "Refund please",
        to: "Refund for order 1234",
      }),
      expect.objectContaining({ ...by, field: "status", from: "new", to: "open" }),
      expect.objectContaining({
        ...by,
        field: "assignee",
        from: null,
        to: chat.operator.id,
        toName: "Olivia Operator",
      }),
    ]);
  });

  it("refuses an edit based on an older version (a colleague's change is not overwritten)", async () => {
    const chat = await liveChat(server);
    const ticket = await chatTicket(chat);
    const first = await patch(ticket.id, chat.operator.cookie, {
      version: ticket.version,
      status: "pending",
    });
    expect(first.status).toBe(200);
    const stale = await patch(ticket.id, admin, { version: ticket.version, subject: "Mine" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("edit_conflict");
    const now = await call(server, "GET", `/api/tickets/${ticket.id}`, { cookie: admin });
    expect(now.body.ticket).toMatchObject({ status: "pending", subject: ticket.subject });
  });

  it("moves a status only as the rules allow: never back to new, never closed by hand", async () => {
    const chat = await liveChat(server);
    let ticket = await chatTicket(chat);
    const move = async (status: string) => {
      const answer = await patch(ticket.id, chat.operator.cookie, {
        version: ticket.version,
        status,
      });
      if (answer.status === 200) ticket = answer.body.ticket;
      return answer;
    };
    for (const status of ["pending", "open", "solved", "open", "solved", "pending"]) {
      expect((await move(status)).status, status).toBe(200);
    }
    for (const status of ["new", "closed"]) {
      const refused = await move(status);
      expect(refused.status, status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: "validation_failed",
        field: "body.status",
        reason: "invalid_choice",
      });
    }
    expect(ticket.status).toBe("pending");
  });

  it("takes a processing type of the ticket's service in use, and refuses a retired or another service's", async () => {
    const chat = await liveChat(server);
    const { db } = server.app.context;
    const ticket = await chatTicket(chat);
    const orders = await createProcessingType(db, chat.service, { names: { en: "Orders" } }, null);
    const retired = await createProcessingType(db, chat.service, { names: { en: "Old" } }, null);
    await setProcessingTypeRetired(db, chat.service, retired.id, true, null);
    const elsewhere = await createProcessingType(
      db,
      await buildService(server),
      { names: { en: "Orders" } },
      null,
    );
    for (const processingTypeId of [retired.id, elsewhere.id]) {
      const refused = await patch(ticket.id, chat.operator.cookie, {
        version: ticket.version,
        processingTypeId,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        field: "body.processingTypeId",
        reason: "invalid_choice",
      });
    }
    const set = await patch(ticket.id, chat.operator.cookie, {
      version: ticket.version,
      processingTypeId: orders.id,
    });
    expect(set.body.ticket.processingTypeId).toBe(orders.id);
    const cleared = await patch(ticket.id, chat.operator.cookie, {
      version: set.body.ticket.version,
      processingTypeId: null,
    });
    expect(cleared.body.ticket.processingTypeId).toBeNull();
    expect(cleared.body.ticket.history.at(-1)).toMatchObject({
      field: "processingType",
      from: orders.id,
      to: null,
    });
  });

  it("is assigned only to a member of the service with chat permission, who is offered as an assignee", async () => {
    const chat = await liveChat(server);
    const ticket = await chatTicket(chat);
    const stranger = await buildOperator(server, { services: [await buildService(server)] });
    const watcher = await buildOperator(server, { name: "Wanda Watcher" });
    await addMember(server.app.context.db, {
      operatorId: watcher.id,
      serviceId: chat.service.id,
      chatPermission: false,
    });
    for (const assigneeId of [stranger.id, watcher.id, crypto.randomUUID()]) {
      const refused = await patch(ticket.id, chat.operator.cookie, {
        version: ticket.version,
        assigneeId,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        field: "body.assigneeId",
        reason: "invalid_choice",
      });
    }
    const assignees = await call(server, "GET", `/api/tickets/${ticket.id}/assignees`, {
      cookie: watcher.cookie,
    });
    expect(assignees.body.operators).toEqual([{ id: chat.operator.id, name: "Olivia Operator" }]);
  });

  it("adds internal notes, oldest first, each in the history", async () => {
    const chat = await liveChat(server);
    const ticket = await chatTicket(chat);
    const note = (body: string) =>
      call(server, "POST", `/api/tickets/${ticket.id}/notes`, {
        cookie: chat.operator.cookie,
        body: { body },
      });
    expect((await note("Called the carrier")).status).toBe(201);
    const second = await note("返金済み");
    expect(second.body.ticket.notes).toMatchObject([
      { body: "Called the carrier", authorId: chat.operator.id, authorName: "Olivia Operator" },
      { body: "返金済み" },
    ]);
    expect(second.body.ticket.history.map((entry: { field: string }) => entry.field)).toEqual([
      "created",
      "note",
      "note",
    ]);
    const blank = await note("   ");
    expect(blank.status).toBe(400);
    expect(blank.body.error.field).toBe("body.body");
  });
});

describe("a solved ticket", () => {
  it("closes itself 14 days after it was solved, once however many processes sweep, and then no longer changes", async () => {
    const chat = await liveChat(server);
    const { db } = server.app.context;
    const ticket = await chatTicket(chat);
    const solved = await patch(ticket.id, chat.operator.cookie, {
      version: ticket.version,
      status: "solved",
    });
    const recent = await chatTicket(await liveChat(server));
    await patch(recent.id, admin, { version: recent.version, status: "solved" });
    const solvedAgo = (ago: string, id: string) =>
      db
        .update(tickets)
        .set({ solvedAt: sql`now() - ${ago}::interval` })
        .where(eq(tickets.id, id));
    await solvedAgo("14 days 1 minute", ticket.id);
    await solvedAgo("13 days 23 hours", recent.id);

    await Promise.all([closeSolvedTickets(db), closeSolvedTickets(db), closeSolvedTickets(db)]);
    const closed = await call(server, "GET", `/api/tickets/${ticket.id}`, { cookie: admin });
    expect(closed.body.ticket.status).toBe("closed");
    expect(closed.body.ticket.history.at(-1)).toMatchObject({
      actorId: null,
      field: "status",
      from: "solved",
      to: "closed",
    });
    const closings = await db
      .select()
      .from(ticketHistory)
      .where(eq(ticketHistory.ticketId, ticket.id));
    expect(closings.filter((entry) => entry.after === "closed")).toHaveLength(1);
    const still = await call(server, "GET", `/api/tickets/${recent.id}`, { cookie: admin });
    expect(still.body.ticket.status).toBe("solved");

    const version = closed.body.ticket.version;
    for (const body of [
      { version, status: "open" },
      { version, subject: "Again" },
    ]) {
      const refused = await patch(ticket.id, chat.operator.cookie, body);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("ticket_closed");
    }
    const note = await call(server, "POST", `/api/tickets/${ticket.id}/notes`, {
      cookie: chat.operator.cookie,
      body: { body: "too late" },
    });
    expect(note.body.error.code).toBe("ticket_closed");
    expect(solved.body.ticket.status).toBe("solved");
  });

  it("reopened, forgets when it was solved: it does not close", async () => {
    const chat = await liveChat(server);
    const { db } = server.app.context;
    const ticket = await chatTicket(chat);
    const solved = await patch(ticket.id, admin, { version: ticket.version, status: "solved" });
    await patch(ticket.id, admin, { version: solved.body.ticket.version, status: "open" });
    await closeSolvedTickets(db);
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row).toMatchObject({ status: "open", solvedAt: null });
  });
});

describe("a ticket from the inquiry form", () => {
  it("keeps what the customer sent and shows it instead of a transcript", async () => {
    const service = await buildService(server);
    const operator = await buildOperator(server, { services: [service] });
    const { db } = server.app.context;
    const customer = await customerFor(db, service.id, { customerId: null, identity: null });
    const form = {
      name: "山田 花子",
      email: "hanako@example.jp",
      subject: "請求書について",
      message: "先月の請求書が届いていません。",
      processingTypeId: null,
    };
    const row = await openTicketFromForm(db, {
      serviceId: service.id,
      customerId: customer.id,
      form,
    });
    const shown = await call(server, "GET", `/api/tickets/${row.id}`, { cookie: operator.cookie });
    expect(shown.body.ticket).toMatchObject({
      channel: "form",
      subject: "請求書について",
      chatId: null,
      form,
      transcript: null,
      history: [{ field: "created", to: "form", actorId: null }],
      customer: { id: customer.id, name: "山田 花子", email: "hanako@example.jp" },
    });
  });
});

describe("who may use the tickets routes", () => {
  it("answers members and administrators, refuses anonymous callers and hides other services' tickets", async () => {
    const chat = await liveChat(server);
    const stranger = await buildOperator(server, { services: [await buildService(server)] });
    const member = chat.operator.cookie;
    const created = await call(server, "POST", `/api/chats/${chat.chatId}/ticket`, {
      cookie: member,
    });
    const ticket = created.body.ticket;
    const routes: Array<{
      method: "GET" | "POST" | "PATCH";
      path: string;
      body?: unknown;
      code: string;
    }> = [
      { method: "POST", path: `/api/chats/${chat.chatId}/ticket`, code: "chat_not_found" },
      { method: "GET", path: `/api/tickets/${ticket.id}`, code: "ticket_not_found" },
      {
        method: "PATCH",
        path: `/api/tickets/${ticket.id}`,
        body: { version: 1, subject: "Changed" },
        code: "ticket_not_found",
      },
      {
        method: "POST",
        path: `/api/tickets/${ticket.id}/notes`,
        body: { body: "note" },
        code: "ticket_not_found",
      },
      { method: "GET", path: `/api/tickets/${ticket.id}/assignees`, code: "ticket_not_found" },
    ];
    for (const route of routes) {
      const as = (cookie?: string) =>
        call(server, route.method, route.path, { cookie, body: route.body });
      const anonymous = await as();
      expect(anonymous.status, `${route.method} ${route.path}`).toBe(401);
      const other = await as(stranger.cookie);
      expect(other.status, `${route.method} ${route.path}`).toBe(404);
      expect(other.body.error.code).toBe(route.code);
      const byMember = await as(member);
      expect(byMember.status, `${route.method} ${route.path}`).toBeLessThan(300);
      // The member's edit raised the version: the administrator edits from the new one.
      const byAdmin = await as(admin);
      expect([200, 201, 409], `${route.method} ${route.path}`).toContain(byAdmin.status);
      if (route.method === "PATCH") {
        const fresh = await call(server, "GET", route.path, { cookie: admin });
        const edited = await call(server, "PATCH", route.path, {
          cookie: admin,
          body: { version: fresh.body.ticket.version, subject: "By the administrator" },
        });
        expect(edited.status).toBe(200);
      } else {
        expect(byAdmin.status, `${route.method} ${route.path}`).toBeLessThan(300);
      }
    }
    const list = (cookie?: string) => call(server, "GET", "/api/tickets", { cookie });
    expect((await list()).status).toBe(401);
    const ids = async (cookie: string) =>
      (await list(cookie)).body.tickets.map((item: { id: string }) => item.id);
    expect(await ids(member)).toContain(ticket.id);
    expect(await ids(admin)).toContain(ticket.id);
    expect(await ids(stranger.cookie)).not.toContain(ticket.id);
  });
});
