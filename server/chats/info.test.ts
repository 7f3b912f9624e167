/** Saving a chat's customer info and inquiry info: both in one transaction, for live and ended
 *  chats, by the members of the chat's service, and never over a colleague's newer save. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatInfoBody } from "../../shared/api.js";
import type { ProcessingType } from "../../shared/categories.js";
import type { ChatSummary } from "../../shared/chat.js";
import type { ServiceRow } from "../services/services.js";
import { buildOperator, buildService, call, type TestOperator } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { type LiveChat, liveChat } from "../test/live-chat.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A live chat, an administrator of its service, and two processing types there. */
async function setUp() {
  const live = await liveChat(server);
  const administrator = await buildOperator(server, {
    services: [live.service],
    role: "administrator",
  });
  const orders = await addType(live.service, administrator, "Orders");
  const billing = await addType(live.service, administrator, "Billing");
  return { ...live, administrator, orders, billing };
}

async function addType(service: ServiceRow, administrator: TestOperator, name: string) {
  const added = await call(server, "POST", `/api/services/${service.id}/processing-types`, {
    cookie: administrator.cookie,
    body: { names: { en: name } },
  });
  expect(added.status).toBe(201);
  return added.body.processingType as ProcessingType;
}

const save = (chatId: string, cookie: string | undefined, body: unknown) =>
  call(server, "PUT", `/api/chats/${chatId}/info`, { cookie, body });

/** The chat as its operator's list has it now. */
async function listed(chat: LiveChat): Promise<ChatSummary> {
  const { body } = await call(server, "GET", "/api/chats", { cookie: chat.operator.cookie });
  return (body.chats as ChatSummary[]).find((entry) => entry.id === chat.chatId) as ChatSummary;
}

/** What a save of these values sends, edited from the chat as it is. */
function edit(
  chat: ChatSummary,
  customer: Partial<ChatInfoBody["customer"]>,
  processingTypeId: string | null = chat.processingTypeId,
): ChatInfoBody {
  const { name, email, notes, version } = chat.customer;
  return {
    customer: { name, email, notes, version, ...customer },
    inquiry: { version: chat.version, processingTypeId },
  };
}

describe("saving a chat's info", () => {
  it("stores the customer's name, email and notes and the processing type together", async () => {
    const chat = await setUp();
    const before = await listed(chat);
    const saved = await save(
      chat.chatId,
      chat.operator.cookie,
      edit(
        before,
        { name: "Hana Sato", email: "hana@example.com", notes: "Order 1234" },
        chat.orders.id,
      ),
    );
    expect(saved.status).toBe(200);
    const after = await listed(chat);
    expect(after.customer).toMatchObject({
      name: "Hana Sato",
      email: "hana@example.com",
      notes: "Order 1234",
      version: before.customer.version + 1,
    });
    expect(after).toMatchObject({ processingTypeId: chat.orders.id, version: before.version + 1 });
    expect(saved.body.chat).toEqual(after);
  });

  it("raises no version when nothing changed, so a colleague's form stays current", async () => {
    const chat = await setUp();
    const before = await listed(chat);
    expect((await save(chat.chatId, chat.operator.cookie, edit(before, {}))).status).toBe(200);
    const after = await listed(chat);
    expect([after.customer.version, after.version]).toEqual([
      before.customer.version,
      before.version,
    ]);
  });

  it("tells the chat's operator's console when a colleague saves", async () => {
    const chat = await setUp();
    const before = await listed(chat);
    await save(chat.chatId, chat.administrator.cookie, edit(before, { name: "Ken" }));
    const entry = await chat.operatorWs.next(
      "chat",
      (frame) => frame.chat.id === chat.chatId && frame.chat.customer.name === "Ken",
    );
    expect(entry.chat.customer.version).toBe(before.customer.version + 1);
  });

  it("works for a chat the operator has ended, as chat history needs", async () => {
    const chat = await setUp();
    const before = await listed(chat);
    chat.operatorWs.send({ type: "chat.end", chatId: chat.chatId });
    await chat.operatorWs.next("chat.state", (frame) => frame.update.state === "closed");
    const saved = await save(
      chat.chatId,
      chat.operator.cookie,
      edit(before, { notes: "Called back" }, chat.billing.id),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.chat).toMatchObject({
      state: "closed",
      processingTypeId: chat.billing.id,
      customer: { notes: "Called back" },
    });
  });
});

describe("a save based on an older version", () => {
  it("is refused whole, with the chat as a colleague left it, and goes through once based on it", async () => {
    const chat = await setUp();
    const opened = await listed(chat);
    // The administrator saves first.
    const theirs = await save(
      chat.chatId,
      chat.administrator.cookie,
      edit(opened, { name: "Hana Sato" }, chat.orders.id),
    );
    expect(theirs.status).toBe(200);
    // The operator's save, edited from what they opened, changes nothing.
    const mine = edit(opened, { name: "H. Sato", notes: "VIP" }, chat.billing.id);
    const refused = await save(chat.chatId, chat.operator.cookie, mine);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("edit_conflict");
    expect(refused.body.error.current).toMatchObject({
      id: chat.chatId,
      processingTypeId: chat.orders.id,
      customer: { name: "Hana Sato", notes: null },
    });
    const kept = await listed(chat);
    expect(kept).toMatchObject({
      processingTypeId: chat.orders.id,
      customer: { name: "Hana Sato", notes: null },
    });

    // Keep mine: the same values, based on the version the conflict showed.
    const current = refused.body.error.current as ChatSummary;
    const again = await save(chat.chatId, chat.operator.cookie, {
      customer: { ...mine.customer, version: current.customer.version },
      inquiry: { ...mine.inquiry, version: current.version },
    });
    expect(again.status).toBe(200);
    expect(again.body.chat).toMatchObject({
      processingTypeId: chat.billing.id,
      customer: { name: "H. Sato", notes: "VIP" },
    });
  });

  it("is refused when only the customer part is older", async () => {
    const chat = await setUp();
    const opened = await listed(chat);
    await save(chat.chatId, chat.administrator.cookie, edit(opened, { email: "a@example.com" }));
    const refused = await save(chat.chatId, chat.operator.cookie, edit(opened, {}, chat.orders.id));
    expect(refused.body.error.code).toBe("edit_conflict");
    expect((await listed(chat)).processingTypeId).toBeNull();
  });
});

describe("the fields of a save", () => {
  const refusal = async (response: Promise<{ status: number; body: { error: object } }>) => {
    const { status, body } = await response;
    return { status, ...body.error };
  };

  it("refuses an email that is not one, a name past its length, and a blank name, naming each", async () => {
    const chat = await setUp();
    const opened = await listed(chat);
    const cookie = chat.operator.cookie;
    expect(
      await refusal(save(chat.chatId, cookie, edit(opened, { email: "not an email" }))),
    ).toMatchObject({
      status: 400,
      code: "validation_failed",
      field: "body.customer.email",
      reason: "invalid_format",
    });
    expect(
      await refusal(save(chat.chatId, cookie, edit(opened, { name: "x".repeat(201) }))),
    ).toMatchObject({ field: "body.customer.name", reason: "too_long", limit: 200 });
    expect(await refusal(save(chat.chatId, cookie, edit(opened, { name: "  " })))).toMatchObject({
      field: "body.customer.name",
      reason: "required",
    });
    expect((await listed(chat)).customer).toMatchObject({ name: null, email: null });
  });

  it("offers no retired processing type nor another service's, and saves nothing then", async () => {
    const chat = await setUp();
    const opened = await listed(chat);
    const retire = await call(
      server,
      "PUT",
      `/api/services/${chat.service.id}/processing-types/${chat.billing.id}/retired`,
      { cookie: chat.administrator.cookie, body: { retired: true } },
    );
    expect(retire.status).toBe(200);
    const other = await buildService(server);
    const otherAdministrator = await buildOperator(server, {
      services: [other],
      role: "administrator",
    });
    const elsewhere = await addType(other, otherAdministrator, "Elsewhere");
    for (const typeId of [chat.billing.id, elsewhere.id, crypto.randomUUID()]) {
      expect(
        await refusal(
          save(chat.chatId, chat.operator.cookie, edit(opened, { name: "Half" }, typeId)),
        ),
      ).toMatchObject({
        status: 400,
        field: "body.inquiry.processingTypeId",
        reason: "invalid_choice",
      });
    }
    // Nothing half-written: the name went with the refused type.
    expect((await listed(chat)).customer.name).toBeNull();
  });

  it("keeps a retired processing type on the chat that already has it", async () => {
    const chat = await setUp();
    const opened = await listed(chat);
    const first = await save(chat.chatId, chat.operator.cookie, edit(opened, {}, chat.billing.id));
    await call(
      server,
      "PUT",
      `/api/services/${chat.service.id}/processing-types/${chat.billing.id}/retired`,
      { cookie: chat.administrator.cookie, body: { retired: true } },
    );
    const again = await save(
      chat.chatId,
      chat.operator.cookie,
      edit(first.body.chat, { notes: "Still billing" }),
    );
    expect(again.status).toBe(200);
    expect(again.body.chat.processingTypeId).toBe(chat.billing.id);
  });
});

describe("who may save a chat's info", () => {
  it("is the members of its service and administrators, not anonymous callers nor other services' operators", async () => {
    const chat = await setUp();
    const opened = await listed(chat);
    const colleague = await buildOperator(server, { services: [chat.service] });
    const outsider = await buildOperator(server, { services: [await buildService(server)] });
    const administratorElsewhere = await buildOperator(server, { role: "administrator" });

    expect((await save(chat.chatId, undefined, edit(opened, {}))).status).toBe(401);
    const refused = await save(chat.chatId, outsider.cookie, edit(opened, { name: "Outsider" }));
    expect([refused.status, refused.body.error.code]).toEqual([404, "chat_not_found"]);
    expect((await listed(chat)).customer.name).toBeNull();

    let current = opened;
    for (const [who, name] of [
      [chat.operator, "By the operator"],
      [colleague, "By a colleague"],
      [chat.administrator, "By an administrator"],
      [administratorElsewhere, "By any administrator"],
    ] as const) {
      const saved = await save(chat.chatId, who.cookie, edit(current, { name }));
      expect(saved.status, name).toBe(200);
      current = saved.body.chat;
    }
    expect((await listed(chat)).customer.name).toBe("By any administrator");
  });
});
