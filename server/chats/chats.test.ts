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
import { TestSocket } from "../test/socket.js";
import { messagesAfter } from "./queries.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A service with one online operator, and a chat a customer started there. */
async function chatInProgress() {
  const service = await buildService(server, { greeting: "Welcome to Test service!" });
  const operator = await buildOperator(server, { services: [service], status: "online" });
  const chat = await requestChat(server, service);
  return { service, operator, chat };
}

describe("a chat between a customer and an operator", () => {
  it("greets the customer, assigns the online operator and carries messages both ways live", async () => {
    const service = await buildService(server, { greeting: "Welcome to Test service!" });
    const operator = await buildOperator(server, { services: [service], status: "online" });
    const operatorWs = await operatorSocket(server, operator);

    const chat = await requestChat(server, service);
    expect(chat.chat.state).toBe("waiting");
    const assigned = await operatorWs.next("chat", (frame) => frame.chat.id === chat.chat.id);
    expect(assigned.chat).toMatchObject({
      operatorId: operator.id,
      channel: "widget",
      pageUrl: "https://shop.example.com/help",
      serviceName: "Test service",
    });

    const customerWs = await customerSocket(server, chat);
    const greeting = await customerWs.next("message");
    expect(greeting.message).toMatchObject({
      seq: 1,
      author: "system",
      body: "Welcome to Test service!",
    });

    customerWs.send({
      type: "message.send",
      chatId: chat.chat.id,
      clientId: "c-1",
      body: "Hi, my order is late",
    });
    const ack = await customerWs.next("ack");
    expect(ack).toMatchObject({ clientId: "c-1", message: { seq: 2, author: "customer" } });
    const atOperator = await operatorWs.next("message", (frame) => frame.message.seq === 2);
    expect(atOperator.message.body).toBe("Hi, my order is late");

    const listed = await fetch(`${server.url}/api/chats`, { headers: { cookie: operator.cookie } });
    const { chats } = (await listed.json()) as ChatListResponse;
    expect(chats.map((listedChat) => listedChat.id)).toContain(chat.chat.id);

    const opened = await post(server, `/api/chats/${chat.chat.id}/open`, {}, operator.cookie);
    expect(((await opened.json()) as { chat: { state: string } }).chat.state).toBe("active");

    operatorWs.send({
      type: "message.send",
      chatId: chat.chat.id,
      clientId: "o-1",
      body: "Let me check.",
    });
    await operatorWs.next("ack", (frame) => frame.clientId === "o-1");
    const reply = await customerWs.next("message", (frame) => frame.message.seq === 3);
    expect(reply.message).toMatchObject({
      author: "operator",
      authorName: "Olivia Operator",
      body: "Let me check.",
    });
    customerWs.close();
    operatorWs.close();
  });

  it("answers a resend with the same client id with the stored message and stores nothing new", async () => {
    const { chat } = await chatInProgress();
    const customerWs = await customerSocket(server, chat);
    const frame = { type: "message.send", chatId: chat.chat.id, clientId: "same", body: "once" };
    customerWs.send(frame);
    const first = await customerWs.next("ack");
    customerWs.send(frame);
    const second = await customerWs.next("ack");
    expect(second.message).toEqual(first.message);
    const stored = await messagesAfter(server.app.context.db, chat.chat.id, 0);
    expect(stored.map((message) => message.body)).toEqual(["Welcome to Test service!", "once"]);
    customerWs.close();
  });

  it("gives a reconnecting client exactly what it missed, in order, then live messages", async () => {
    const { operator, chat } = await chatInProgress();
    const customerWs = await customerSocket(server, chat);
    for (const body of ["one", "two", "three"]) {
      customerWs.send({ type: "message.send", chatId: chat.chat.id, clientId: body, body });
      await customerWs.next("ack");
    }
    customerWs.close();

    // The operator held messages 1 and 2 before their connection dropped.
    const operatorWs = await operatorSocket(server, operator, [
      { chatId: chat.chat.id, lastSeq: 2 },
    ]);
    const synced = await operatorWs.next("synced", (frame) => frame.chatId === chat.chat.id);
    expect(synced.lastSeq).toBe(4);
    const replayed = operatorWs.frames.flatMap((frame) =>
      frame.type === "message" ? [frame.message.seq] : [],
    );
    expect(replayed).toEqual([3, 4]);

    const again = await customerSocket(server, chat, 4);
    again.send({ type: "message.send", chatId: chat.chat.id, clientId: "four", body: "four" });
    const live = await operatorWs.next("message");
    expect(live.message).toMatchObject({ seq: 5, body: "four" });
    again.close();
    operatorWs.close();
  });

  it("numbers concurrent messages from both sides 1, 2, 3… without gaps or repeats", async () => {
    const { operator, chat } = await chatInProgress();
    const customerWs = await customerSocket(server, chat);
    const operatorWs = await operatorSocket(server, operator);
    for (let index = 0; index < 20; index++) {
      customerWs.send({
        type: "message.send",
        chatId: chat.chat.id,
        clientId: `c${index}`,
        body: `c${index}`,
      });
      operatorWs.send({
        type: "message.send",
        chatId: chat.chat.id,
        clientId: `o${index}`,
        body: `o${index}`,
      });
    }
    await customerWs.next("ack", (frame) => frame.clientId === "c19");
    await operatorWs.next("ack", (frame) => frame.clientId === "o19");
    const stored = await messagesAfter(server.app.context.db, chat.chat.id, 0);
    expect(stored.map((message) => message.seq)).toEqual(
      Array.from({ length: 41 }, (_, index) => index + 1),
    );
    customerWs.close();
    operatorWs.close();
  });
});

describe("a chat request that cannot start", () => {
  it("is refused when nobody is online, with the reason the widget shows, and stores nothing", async () => {
    const service = await buildService(server);
    await buildOperator(server, { services: [service], status: "break" });
    const availability = await fetch(`${server.url}/api/widget/services/${service.key}`);
    expect(await availability.json()).toMatchObject({ operatorsAvailable: false });
    const response = await post(server, "/api/widget/chats", {
      serviceKey: service.key,
      consent: true,
      channel: "help_center",
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "no_operator_available" } });
  });

  it("is refused when the service has chat turned off", async () => {
    const service = await buildService(server, { chatEnabled: false });
    await buildOperator(server, { services: [service], status: "online" });
    const response = await post(server, "/api/widget/chats", {
      serviceKey: service.key,
      consent: true,
      channel: "help_center",
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "chat_disabled" } });
  });

  it("is refused without consent, naming the field", async () => {
    const service = await buildService(server);
    const response = await post(server, "/api/widget/chats", {
      serviceKey: service.key,
      consent: false,
      channel: "help_center",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "validation_failed", field: "body.consent" },
    });
  });

  it("is refused with the field named when text holds a NUL character, which nothing can store", async () => {
    const service = await buildService(server);
    const response = await post(server, "/api/widget/chats", {
      serviceKey: service.key,
      consent: true,
      channel: "widget",
      pageUrl: "https://shop.example.com/\u0000",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({
      code: "validation_failed",
      field: "body.pageUrl",
    });
    const lookup = await fetch(`${server.url}/api/widget/services/key%00`);
    expect(lookup.status).toBe(400);
  });

  it("is refused for an unknown service", async () => {
    const response = await post(server, "/api/widget/chats", {
      serviceKey: "no-such-service",
      consent: true,
      channel: "help_center",
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "service_not_found" } });
  });

  it("does not assign an operator who is not a member of the service", async () => {
    const service = await buildService(server);
    await buildOperator(server, { services: [], status: "online" });
    const response = await post(server, "/api/widget/chats", {
      serviceKey: service.key,
      consent: true,
      channel: "help_center",
    });
    expect(response.status).toBe(409);
  });
});

describe("frames that are wrong", () => {
  async function errorFor(socket: TestSocket, frame: object | string) {
    socket.send(frame);
    return socket.next("error");
  }

  it("get an error frame naming the problem, store nothing, and leave the connection working", async () => {
    const { chat } = await chatInProgress();
    const ws = await customerSocket(server, chat);
    const chatId = chat.chat.id;

    expect(await errorFor(ws, "{not json")).toMatchObject({ code: "invalid_json" });
    expect(await errorFor(ws, { type: "message.delete" })).toMatchObject({
      code: "validation_failed",
      field: "frame.type",
    });
    expect(
      await errorFor(ws, { type: "message.send", chatId, clientId: 7, body: "x" }),
    ).toMatchObject({
      code: "validation_failed",
      field: "frame.clientId",
    });
    expect(
      await errorFor(ws, {
        type: "message.send",
        chatId,
        clientId: "long",
        body: "x".repeat(5001),
      }),
    ).toMatchObject({
      code: "validation_failed",
      field: "frame.body",
    });
    expect(
      await errorFor(ws, { type: "message.send", chatId, clientId: "blank", body: "   " }),
    ).toMatchObject({
      field: "frame.body",
    });
    expect(
      await errorFor(ws, {
        type: "message.send",
        chatId: crypto.randomUUID(),
        clientId: "x",
        body: "x",
      }),
    ).toMatchObject({ code: "chat_not_found", clientId: "x" });

    const stored = await messagesAfter(server.app.context.db, chatId, 0);
    expect(stored).toHaveLength(1);

    ws.send({ type: "message.send", chatId, clientId: "ok", body: "still works" });
    expect((await ws.next("ack")).message.seq).toBe(2);
    ws.close();
  });

  it("do not let a customer read or write another customer's chat", async () => {
    const { chat: mine } = await chatInProgress();
    const { chat: theirs } = await chatInProgress();
    const ws = await TestSocket.open(server.wsUrl);
    ws.send({
      type: "hello",
      customerToken: mine.customerToken,
      cursors: [{ chatId: theirs.chat.id, lastSeq: 0 }],
    });
    await ws.next("welcome");
    expect(await ws.next("error")).toMatchObject({ code: "chat_not_found" });
    ws.send({ type: "message.send", chatId: theirs.chat.id, clientId: "sneak", body: "hello" });
    expect(await ws.next("error")).toMatchObject({ code: "chat_not_found", clientId: "sneak" });
    expect(ws.frames.some((frame) => frame.type === "message")).toBe(false);
    expect(await messagesAfter(server.app.context.db, theirs.chat.id, 0)).toHaveLength(1);
    ws.close();
  });

  it("refuse a forged customer token and close the connection", async () => {
    const { chat } = await chatInProgress();
    const ws = await TestSocket.open(server.wsUrl);
    ws.send({ type: "hello", customerToken: `${chat.customerToken}x`, cursors: [] });
    expect(await ws.next("error")).toMatchObject({
      code: "unauthenticated",
      field: "customerToken",
    });
    expect(await ws.closed()).toBe(4401);
  });

  it("refuse a hello with neither a session nor a customer token", async () => {
    const ws = await TestSocket.open(server.wsUrl);
    ws.send({ type: "hello" });
    expect(await ws.next("error")).toMatchObject({ code: "unauthenticated" });
    expect(await ws.closed()).toBe(4401);
  });

  it("refuse a message before hello", async () => {
    const { chat } = await chatInProgress();
    const ws = await TestSocket.open(server.wsUrl);
    ws.send({ type: "message.send", chatId: chat.chat.id, clientId: "early", body: "hi" });
    expect(await ws.next("error")).toMatchObject({ code: "unauthenticated" });
    expect(await messagesAfter(server.app.context.db, chat.chat.id, 0)).toHaveLength(1);
  });

  it("close a connection that sends a frame over the size limit, and the server keeps serving", async () => {
    const ws = await TestSocket.open(server.wsUrl);
    ws.send("x".repeat(70 * 1024));
    expect(await ws.closed()).toBe(1009);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe("requests that are wrong", () => {
  it("refuse a body over the size limit with a clear 413 and keep serving", async () => {
    const service = await buildService(server);
    const response = await post(server, "/api/widget/chats", {
      serviceKey: service.key,
      consent: true,
      channel: "widget",
      pageUrl: "x".repeat(300 * 1024),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "validation_failed" } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("answer opening an unknown chat, or another operator's, with chat_not_found", async () => {
    const { chat } = await chatInProgress();
    const stranger = await buildOperator(server);
    for (const chatId of [crypto.randomUUID(), chat.chat.id]) {
      const response = await post(server, `/api/chats/${chatId}/open`, {}, stranger.cookie);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "chat_not_found" } });
    }
    const malformed = await post(server, "/api/chats/not-a-uuid/open", {}, stranger.cookie);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { field: "params.chatId" } });
  });

  it("refuse a customer token of another service", async () => {
    const { chat } = await chatInProgress();
    const other = await buildService(server);
    await buildOperator(server, { services: [other], status: "online" });
    const response = await post(server, "/api/widget/chats", {
      serviceKey: other.key,
      consent: true,
      channel: "help_center",
      customerToken: chat.customerToken,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: "body.customerToken" } });
  });

  it("keep a returning customer's identity when their token comes back", async () => {
    const { service, operator, chat } = await chatInProgress();
    const again = await requestChat(server, service, { customerToken: chat.customerToken });
    const listed = await fetch(`${server.url}/api/chats`, { headers: { cookie: operator.cookie } });
    const operatorChats = ((await listed.json()) as ChatListResponse).chats.filter((listedChat) =>
      [chat.chat.id, again.chat.id].includes(listedChat.id),
    );
    expect(operatorChats).toHaveLength(2);
    expect(new Set(operatorChats.map((listedChat) => listedChat.customer.id)).size).toBe(1);
  });
});
