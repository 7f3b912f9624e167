/** Personal-data masking: an operator masks a range of a message; the original is gone from the
 *  database and the search index, the audit log says who masked what range without the text,
 *  and whoever follows the chat sees the mask, live or when they come back. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MASK_CHAR } from "../../shared/masking.js";
import type { ServiceRow } from "../services/services.js";
import {
  adminCookie,
  buildOperator,
  buildService,
  call,
  customerSocket,
  type TestOperator,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { liveChat } from "../test/live-chat.js";
import { buildPastChat } from "../test/past-chats.js";
import { auditLog, messages } from "../test/tables.js";

let server: TestServer;
let service: ServiceRow;
let member: TestOperator;
let outsider: TestOperator;
beforeAll(async () => {
  server = await startTestServer();
  service = await buildService(server, { name: "Shop" });
  member = await buildOperator(server, { services: [service], name: "Member" });
  outsider = await buildOperator(server, { services: [await buildService(server)] });
});
afterAll(() => server.close());

const db = () => server.app.context.db;
const card = "4242 4242 4242 4242";

async function messageOf(chatId: string, seq: number) {
  const [row] = await db()
    .select()
    .from(messages)
    .where(and(eq(messages.chatId, chatId), eq(messages.seq, seq)));
  if (!row) throw new Error("no message");
  return row;
}

const mask = (cookie: string, messageId: string, start: number, end: number) =>
  call(server, "POST", `/api/messages/${messageId}/mask`, { cookie, body: { start, end } });

async function found(words: string) {
  const query = new URLSearchParams({ serviceId: service.id, words });
  const response = await call(server, "GET", `/api/history/chats?${query}`, {
    cookie: member.cookie,
  });
  expect(response.status).toBe(200);
  return (response.body.chats as { id: string }[]).map((chat) => chat.id);
}

describe("masking a closed chat's message", () => {
  let chatId: string;
  beforeAll(async () => {
    chatId = await buildPastChat(db(), {
      serviceId: service.id,
      requestedAt: new Date("2026-11-01T10:00:00Z"),
      holders: [member.id],
      messages: ["system: ようこそ", `customer: カード番号は${card}です`, "operator: 承知しました"],
      minutes: 10,
    });
  });

  it("replaces the range in the stored text, keeps no copy and no longer finds the chat by it", async () => {
    expect(await found("4242")).toEqual([chatId]);
    const message = await messageOf(chatId, 2);
    const start = message.body.indexOf(card);
    const response = await mask(member.cookie, message.id, start, start + card.length);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const masked = `カード番号は${MASK_CHAR.repeat(card.length)}です`;
    expect(response.body.message).toMatchObject({ id: message.id, seq: 2, body: masked });
    const stored = await messageOf(chatId, 2);
    expect(stored.body).toBe(masked);
    expect(stored.maskedAt).not.toBeNull();
    expect(await found("4242")).toEqual([]);
    // The rest of the message is still found.
    expect(await found("カード番号")).toEqual([chatId]);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.subjectId, message.id));
    expect(audit).toMatchObject({
      actorId: member.id,
      serviceId: service.id,
      subject: "message",
      action: "masked",
      after: { chatId, seq: 2, start, end: start + card.length },
    });
    // The card itself: a random id of the JSON may hold "4242" (it did in CI).
    expect(JSON.stringify(audit)).not.toContain(card);
    const history = await call(server, "GET", `/api/history/chats/${chatId}`, {
      cookie: member.cookie,
    });
    expect(JSON.stringify(history.body)).not.toContain(card);
  });

  it("refuses bad ranges with the field and reason, and changes nothing", async () => {
    const message = await messageOf(chatId, 3);
    const cases: [number, number, string, string][] = [
      [2, 2, "body.end", "end_before_start"],
      [3, 2, "body.end", "end_before_start"],
      [0, message.body.length + 1, "body.end", "out_of_range"],
    ];
    for (const [start, end, field, reason] of cases) {
      const response = await mask(member.cookie, message.id, start, end);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: "validation_failed", field, reason });
    }
    const negative = await mask(member.cookie, message.id, -1, 2);
    expect(negative.status).toBe(400);
    const masked = await messageOf(chatId, 2);
    const start = masked.body.indexOf(MASK_CHAR);
    const again = await mask(member.cookie, masked.id, start, start + 4);
    expect(again.body.error).toMatchObject({ field: "body.start", reason: "already_masked" });
    expect((await messageOf(chatId, 3)).body).toBe("承知しました");
  });

  it("refuses a system message", async () => {
    const message = await messageOf(chatId, 1);
    const response = await mask(member.cookie, message.id, 0, 2);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("message_not_maskable");
    expect((await messageOf(chatId, 1)).body).toBe("ようこそ");
  });

  it("is for members of the chat's service and administrators only", async () => {
    const message = await messageOf(chatId, 3);
    const refused = await mask(outsider.cookie, message.id, 0, 2);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("message_not_found");
    expect((await messageOf(chatId, 3)).body).toBe("承知しました");
    const anonymous = await call(server, "POST", `/api/messages/${message.id}/mask`, {
      body: { start: 0, end: 2 },
    });
    expect(anonymous.status).toBe(401);
    const admin = await mask(await adminCookie(server), message.id, 0, 2);
    expect(admin.status).toBe(200);
    expect((await messageOf(chatId, 3)).body).toBe(`${MASK_CHAR.repeat(2)}しました`);
    const missing = await mask(member.cookie, crypto.randomUUID(), 0, 1);
    expect(missing.status).toBe(404);
  });
});

describe("masking a live chat's message", () => {
  it("sends the masked message to both sides, and to a customer who comes back", async () => {
    const chat = await liveChat(server, service);
    const body = "電話は090-1234-5678です";
    chat.customerWs.send({ type: "message.send", chatId: chat.chatId, clientId: "tel", body });
    const { message } = await chat.customerWs.next("ack", (frame) => frame.clientId === "tel");
    await chat.operatorWs.next("message", (frame) => frame.message.id === message.id);
    expect(await found("5678")).toEqual([chat.chatId]);
    const start = body.indexOf("090");
    const response = await mask(chat.operator.cookie, message.id, start, start + 13);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const masked = `電話は${MASK_CHAR.repeat(13)}です`;
    for (const socket of [chat.customerWs, chat.operatorWs]) {
      const frame = await socket.next("message.masked", (frame) => frame.message.id === message.id);
      expect(frame.message).toMatchObject({ seq: message.seq, body: masked });
    }
    expect(await found("5678")).toEqual([]);
    // A customer who held the message before the mask gets it again as they resume.
    chat.customerWs.close();
    const back = await customerSocket(server, chat.chat, message.seq);
    const again = await back.next("message.masked", (frame) => frame.message.id === message.id);
    expect(again.message.body).toBe(masked);
    await back.next("synced");
    back.close();
    chat.operatorWs.close();
  });
});
