import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatListResponse } from "../../shared/api.js";
import {
  buildOperator,
  buildService,
  customerSocket,
  operatorSocket,
  post,
  requestChat,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import type { TestSocket } from "../test/socket.js";
import { serviceTexts } from "../test/tables.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A chat with its customer and operator connected, both past the replay. */
async function liveChat(options: { satisfactionMessage?: string } = {}) {
  const service = await buildService(server);
  if (options.satisfactionMessage) {
    await server.app.context.db
      .update(serviceTexts)
      .set({ satisfactionMessage: options.satisfactionMessage })
      .where(eq(serviceTexts.serviceId, service.id));
  }
  const operator = await buildOperator(server, { services: [service], status: "online" });
  const chat = await requestChat(server, service);
  const chatId = chat.chat.id;
  const operatorWs = operator.socket as TestSocket;
  await operatorWs.next("synced", (frame) => frame.chatId === chatId);
  const customerWs = await customerSocket(server, chat);
  await customerWs.next("synced");
  return { service, operator, chat, chatId, operatorWs, customerWs };
}

async function operatorChats(cookie: string) {
  const response = await fetch(`${server.url}/api/chats`, { headers: { cookie } });
  return ((await response.json()) as ChatListResponse).chats;
}

describe("ending a chat", () => {
  it("lets the customer end it while the operator can still write, until the operator ends it for both", async () => {
    const { operator, chatId, operatorWs, customerWs } = await liveChat();
    customerWs.send({ type: "chat.end", chatId });
    // The transcript's note comes first, then the new state.
    const notice = await operatorWs.next(
      "message",
      (frame) => frame.message.event === "customer_ended",
    );
    expect(notice.message.author).toBe("system");
    const ended = await operatorWs.next(
      "chat.state",
      (frame) => frame.update.state === "ended_by_customer",
    );
    expect(ended.update.chatId).toBe(chatId);

    customerWs.send({ type: "message.send", chatId, clientId: "late", body: "one more thing" });
    expect(await customerWs.next("error")).toMatchObject({ code: "chat_closed", clientId: "late" });
    operatorWs.send({
      type: "message.send",
      chatId,
      clientId: "note",
      body: "Noted for the ticket.",
    });
    await operatorWs.next("ack", (frame) => frame.clientId === "note");
    expect((await operatorChats(operator.cookie)).map((chat) => chat.id)).toContain(chatId);

    operatorWs.send({ type: "chat.end", chatId });
    await customerWs.next("message", (frame) => frame.message.event === "operator_ended");
    await customerWs.next("chat.state", (frame) => frame.update.state === "closed");
    expect((await operatorChats(operator.cookie)).map((chat) => chat.id)).not.toContain(chatId);
    operatorWs.send({ type: "message.send", chatId, clientId: "after", body: "too late" });
    expect(await operatorWs.next("error")).toMatchObject({ code: "chat_closed" });
  });

  it("lets the operator end a chat the customer has not ended, closing it for the customer", async () => {
    const { chatId, operatorWs, customerWs } = await liveChat();
    operatorWs.send({ type: "chat.end", chatId });
    const closed = await customerWs.next("chat.state", (frame) => frame.update.state === "closed");
    expect(closed.update.chatId).toBe(chatId);
    customerWs.send({ type: "chat.end", chatId, requestId: "end-again" });
    expect(await customerWs.next("error")).toMatchObject({
      code: "chat_closed",
      requestId: "end-again",
    });
  });
});
describe("a reconnecting operator", () => {
  it("learns in the welcome which chats are still theirs, so a console drops the ones closed meanwhile", async () => {
    const { service, operator, chatId, operatorWs } = await liveChat();
    const other = await requestChat(server, service);
    await operatorWs.next("chat", (frame) => frame.chat.id === other.chat.id);
    operatorWs.close();
    const ending = await operatorSocket(server, operator);
    ending.send({ type: "chat.end", chatId });
    await ending.next("chat", (frame) => frame.chat.id === chatId && frame.chat.state === "closed");
    ending.close();

    const back = await operatorSocket(server, operator);
    const welcome = back.frames.find((frame) => frame.type === "welcome");
    expect(welcome).toMatchObject({ chatIds: [other.chat.id] });
    back.close();
  });
});

describe("rating", () => {
  it("lets the customer rate at any time and change it until the chat closes", async () => {
    const { chatId, operatorWs, customerWs } = await liveChat();
    customerWs.send({ type: "rating.set", chatId, score: 4 });
    const first = await operatorWs.next("chat.state", (frame) => frame.update.rating === 4);
    expect(first.update.ratingComment).toBeNull();
    customerWs.send({ type: "rating.set", chatId, score: 5, comment: "Quick and kind" });
    const second = await operatorWs.next("chat.state", (frame) => frame.update.rating === 5);
    expect(second.update.ratingComment).toBe("Quick and kind");

    operatorWs.send({ type: "chat.end", chatId });
    await customerWs.next("chat.state", (frame) => frame.update.state === "closed");
    customerWs.send({ type: "rating.set", chatId, score: 1 });
    expect(await customerWs.next("error")).toMatchObject({ code: "chat_closed" });
  });

  it("sends the satisfaction message with the rating form when the operator presses Rate", async () => {
    const { chatId, operatorWs, customerWs } = await liveChat({
      satisfactionMessage: "Please rate us!",
    });
    operatorWs.send({ type: "rating.request", chatId });
    const request = await customerWs.next(
      "message",
      (frame) => frame.message.event === "rating_requested",
    );
    expect(request.message).toMatchObject({ author: "system", body: "Please rate us!" });
  });

  it("keeps each role to its own part: only customers rate, only operators ask for a rating", async () => {
    const { chatId, operatorWs, customerWs } = await liveChat();
    customerWs.send({ type: "rating.request", chatId });
    expect(await customerWs.next("error")).toMatchObject({ code: "not_allowed" });
    operatorWs.send({ type: "rating.set", chatId, score: 5 });
    expect(await operatorWs.next("error")).toMatchObject({ code: "not_allowed" });
    customerWs.send({ type: "rating.set", chatId, score: 9 });
    expect(await customerWs.next("error")).toMatchObject({ field: "frame.score" });
  });
});

describe("typing and reading", () => {
  it("shows each side when the other is typing", async () => {
    const { chatId, operatorWs, customerWs } = await liveChat();
    customerWs.send({ type: "typing.set", chatId, typing: true });
    expect(await operatorWs.next("typing")).toMatchObject({
      chatId,
      role: "customer",
      typing: true,
    });
    operatorWs.send({ type: "typing.set", chatId, typing: true });
    expect(await customerWs.next("typing")).toMatchObject({ role: "operator", typing: true });
    operatorWs.send({ type: "typing.set", chatId, typing: false });
    expect(await customerWs.next("typing")).toMatchObject({ role: "operator", typing: false });
    // Nobody is told about their own typing.
    expect(
      customerWs.frames.some((frame) => frame.type === "typing" && frame.role === "customer"),
    ).toBe(false);
  });

  it("keeps the operator's unread count and tells the customer what the operator has seen", async () => {
    const { operator, chatId, operatorWs, customerWs } = await liveChat();
    for (const body of ["first", "second"]) {
      customerWs.send({ type: "message.send", chatId, clientId: body, body });
      await customerWs.next("ack");
    }
    const [before] = (await operatorChats(operator.cookie)).filter((chat) => chat.id === chatId);
    expect(before).toMatchObject({ lastSeq: 3, operatorReadSeq: 0 });

    operatorWs.send({ type: "read.set", chatId, seq: 3 });
    expect(await customerWs.next("read")).toMatchObject({ role: "operator", seq: 3 });
    const [after] = (await operatorChats(operator.cookie)).filter((chat) => chat.id === chatId);
    expect(after?.operatorReadSeq).toBe(3);

    // A read position never goes back, nor past the last message.
    operatorWs.send({ type: "read.set", chatId, seq: 1 });
    expect(await customerWs.next("read")).toMatchObject({ seq: 3 });
    customerWs.send({ type: "read.set", chatId, seq: 99 });
    expect(await operatorWs.next("read")).toMatchObject({ role: "customer", seq: 3 });
  });
});

describe("processed and unprocessed", () => {
  it("counts a chat as processed only once the operator has opened it and replied", async () => {
    const { operator, chatId, operatorWs } = await liveChat();
    const state = async () =>
      (await operatorChats(operator.cookie)).find((chat) => chat.id === chatId);
    // The greeting is no reply.
    expect(await state()).toMatchObject({
      processed: false,
      firstOpenedAt: null,
      firstReplyAt: null,
    });

    await post(server, `/api/chats/${chatId}/open`, {}, operator.cookie);
    expect(await state()).toMatchObject({ processed: false, state: "active" });
    expect((await state())?.firstOpenedAt).not.toBeNull();

    operatorWs.send({ type: "message.send", chatId, clientId: "reply", body: "Hello!" });
    await operatorWs.next("chat", (frame) => frame.chat.id === chatId && frame.chat.processed);
    expect((await state())?.firstReplyAt).not.toBeNull();
  });

  it("leaves a chat the operator never opened unprocessed, even after the customer ended it", async () => {
    const { operator, chatId, customerWs } = await liveChat();
    customerWs.send({ type: "chat.end", chatId });
    await customerWs.next("chat.state", (frame) => frame.update.state === "ended_by_customer");
    const chat = (await operatorChats(operator.cookie)).find((listed) => listed.id === chatId);
    expect(chat).toMatchObject({
      processed: false,
      firstOpenedAt: null,
      state: "ended_by_customer",
    });
  });
});

describe("transfer", () => {
  it("hands the chat to another online operator of the service, with a note in the transcript", async () => {
    const { service, operator, chatId, operatorWs, customerWs } = await liveChat();
    const colleague = await buildOperator(server, {
      services: [service],
      status: "online",
      name: "Chris Colleague",
    });
    operatorWs.send({ type: "chat.transfer", chatId, operatorId: colleague.id });
    const arrived = await (colleague.socket as TestSocket).next(
      "chat",
      (frame) => frame.chat.id === chatId,
    );
    expect(arrived.chat.operatorId).toBe(colleague.id);
    const gone = await operatorWs.next("chat", (frame) => frame.chat.id === chatId);
    expect(gone.chat.operatorId).toBe(colleague.id);
    const note = await customerWs.next("message", (frame) => frame.message.event === "transferred");
    expect(note.message.body).toContain("Chris Colleague");
    expect((await operatorChats(operator.cookie)).map((chat) => chat.id)).not.toContain(chatId);
    expect((await operatorChats(colleague.cookie)).map((chat) => chat.id)).toContain(chatId);

    // The colleague now answers; the previous operator no longer can.
    (colleague.socket as TestSocket).send({
      type: "message.send",
      chatId,
      clientId: "c",
      body: "I'll take it",
    });
    await customerWs.next("message", (frame) => frame.message.body === "I'll take it");
    operatorWs.send({ type: "message.send", chatId, clientId: "x", body: "still me?" });
    expect(await operatorWs.next("error")).toMatchObject({ code: "chat_not_found" });
  });

  it("refuses a transfer to an operator who is not online for the service", async () => {
    const { service, operator, chatId, operatorWs } = await liveChat();
    const away = await buildOperator(server, { services: [service], status: "break" });
    const outsider = await buildOperator(server, { services: [], status: "online" });
    const colleague = await buildOperator(server, {
      services: [service],
      status: "online",
      name: "Chris Colleague",
    });
    // The console offers only the operators a transfer can go to.
    const targets = await fetch(`${server.url}/api/chats/${chatId}/transfer-targets`, {
      headers: { cookie: operator.cookie },
    });
    expect(await targets.json()).toEqual({
      // With their load: no chats yet, of the service's limit.
      operators: [{ id: colleague.id, name: "Chris Colleague", chats: 0, chatLimit: 5 }],
    });
    for (const target of [away, outsider]) {
      operatorWs.send({ type: "chat.transfer", chatId, operatorId: target.id });
      expect(await operatorWs.next("error")).toMatchObject({
        code: "operator_unavailable",
        field: "frame.operatorId",
      });
    }
  });
});

describe("an idle customer", () => {
  it("has the chat ended on their side after the idle time", async () => {
    const idleServer = await startTestServer({ env: { PRESENCE_HEARTBEAT_SECONDS: "0.1" } });
    const service = await buildService(idleServer, { customerIdleMs: 300 });
    const operator = await buildOperator(idleServer, { services: [service], status: "online" });
    const chat = await requestChat(idleServer, service);
    const ended = await (operator.socket as TestSocket).next(
      "message",
      (frame) => frame.message.chatId === chat.chat.id && frame.message.event === "customer_idle",
    );
    expect(ended.message.author).toBe("system");
    await (operator.socket as TestSocket).next(
      "chat.state",
      (frame) => frame.update.state === "ended_by_customer",
    );
    await idleServer.close();
  });
});
