/**
 * What an integrator written from docs/protocol.md relies on: every cursor of a hello resumes on
 * its own, a chat can be followed on a live connection, every refused message.send names its
 * clientId, one sender's client id never swallows another sender's message, and the chat's state
 * reaches both sides once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ChatSummary } from "../../shared/chat.js";
import { topics } from "../bus/bus.js";
import { messagesAfter } from "../chats/queries.js";
import {
  buildOperator,
  buildService,
  customerSocket,
  operatorSocket,
  requestChat,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { liveChat } from "../test/live-chat.js";
import { TestSocket } from "../test/socket.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("a customer's hello with several cursors", () => {
  it("refuses a chat that is not theirs by its chatId and still resumes and follows their own", async () => {
    const mine = await liveChat(server);
    const theirs = await liveChat(server);
    mine.customerWs.send({
      type: "message.send",
      chatId: mine.chatId,
      clientId: "before",
      body: "before the reconnect",
    });
    await mine.customerWs.next("ack");
    mine.customerWs.close();

    const unknown = crypto.randomUUID();
    const ws = await TestSocket.open(server.wsUrl);
    ws.send({
      type: "hello",
      customerToken: mine.chat.customerToken,
      cursors: [
        { chatId: theirs.chatId, lastSeq: 0 },
        { chatId: unknown, lastSeq: 0 },
        { chatId: mine.chatId, lastSeq: 1 },
      ],
    });
    await ws.next("welcome");
    const synced = await ws.next("synced", (frame) => frame.chatId === mine.chatId);
    expect(synced.lastSeq).toBe(2);
    const refusals = ws.frames.filter((frame) => frame.type === "error");
    expect(refusals).toEqual([
      expect.objectContaining({ code: "chat_not_found", chatId: theirs.chatId }),
      expect.objectContaining({ code: "chat_not_found", chatId: unknown }),
    ]);
    const replayed = ws.frames.flatMap((frame) =>
      frame.type === "message" ? [frame.message] : [],
    );
    expect(replayed.map((message) => [message.chatId, message.seq])).toEqual([[mine.chatId, 2]]);

    mine.operatorWs.send({
      type: "message.send",
      chatId: mine.chatId,
      clientId: "o",
      body: "live",
    });
    const live = await ws.next("message", (frame) => frame.message.body === "live");
    expect(live.message.seq).toBe(3);
    expect(
      theirs.customerWs.frames.some(
        (frame) => frame.type === "message" && frame.message.body === "live",
      ),
    ).toBe(false);
    ws.close();
  });
});

describe("following a chat on a live connection", () => {
  it("replays the chat from the cursor, says synced and its state, and then delivers it live", async () => {
    const chat = await liveChat(server);
    const ws = await TestSocket.open(server.wsUrl);
    ws.send({ type: "hello", customerToken: chat.chat.customerToken, cursors: [] });
    await ws.next("welcome");
    ws.send({ type: "chat.follow", chatId: chat.chatId, lastSeq: 0 });
    const greeting = await ws.next("message");
    expect(greeting.message).toMatchObject({ chatId: chat.chatId, seq: 1, author: "system" });
    expect(await ws.next("synced")).toMatchObject({ chatId: chat.chatId, lastSeq: 1 });
    expect((await ws.next("chat.state")).update).toMatchObject({
      chatId: chat.chatId,
      state: "waiting",
    });

    chat.operatorWs.send({ type: "message.send", chatId: chat.chatId, clientId: "o", body: "now" });
    expect((await ws.next("message")).message).toMatchObject({ seq: 2, body: "now" });

    // Following it again changes nothing: no second replay.
    ws.send({ type: "chat.follow", chatId: chat.chatId, lastSeq: 0, requestId: "again" });
    ws.send({ type: "message.send", chatId: chat.chatId, clientId: "mark", body: "mark" });
    await ws.next("ack");
    const messages = ws.frames.filter((frame) => frame.type === "message");
    expect(messages.map((frame) => frame.type === "message" && frame.message.seq)).toEqual([
      1, 2, 3,
    ]);
    ws.close();
  });

  it("refuses a chat that is not the customer's by its chatId and requestId, and follows nothing", async () => {
    const mine = await liveChat(server);
    const theirs = await liveChat(server);
    mine.customerWs.send({
      type: "chat.follow",
      chatId: theirs.chatId,
      lastSeq: 0,
      requestId: "r",
    });
    expect(await mine.customerWs.next("error")).toMatchObject({
      code: "chat_not_found",
      chatId: theirs.chatId,
      requestId: "r",
    });
    theirs.customerWs.send({
      type: "message.send",
      chatId: theirs.chatId,
      clientId: "t",
      body: "private",
    });
    await theirs.customerWs.next("ack");
    mine.customerWs.send({
      type: "message.send",
      chatId: mine.chatId,
      clientId: "m",
      body: "mark",
    });
    await mine.customerWs.next("ack");
    expect(
      mine.customerWs.frames.some(
        (frame) => frame.type === "message" && frame.message.chatId === theirs.chatId,
      ),
    ).toBe(false);
  });
});

describe("a refused message.send", () => {
  it("names its clientId whatever the refusal, validation included", async () => {
    const chat = await liveChat(server);
    const { chatId } = chat;
    const refusals: Array<[object, string]> = [
      [{ type: "message.send", chatId, clientId: "blank", body: "   " }, "blank"],
      [{ type: "message.send", chatId, clientId: "long", body: "x".repeat(5001) }, "long"],
      [{ type: "message.send", chatId, clientId: "no-body" }, "no-body"],
      [{ type: "message.send", chatId: "42", clientId: "bad-chat", body: "x" }, "bad-chat"],
      [{ type: "message.send", chatId: crypto.randomUUID(), clientId: "gone", body: "x" }, "gone"],
    ];
    for (const [frame, clientId] of refusals) {
      chat.customerWs.send(frame);
      expect(await chat.customerWs.next("error")).toMatchObject({ clientId });
    }
    chat.customerWs.send({ type: "typing.set", chatId, typing: "yes", requestId: "t-1" });
    expect(await chat.customerWs.next("error")).toMatchObject({
      code: "validation_failed",
      field: "frame.typing",
      requestId: "t-1",
    });
  });

  it("names its clientId before hello too", async () => {
    const chat = await liveChat(server);
    const ws = await TestSocket.open(server.wsUrl);
    ws.send({ type: "message.send", chatId: chat.chatId, clientId: "early", body: " " });
    expect(await ws.next("error")).toMatchObject({ code: "validation_failed", clientId: "early" });
    ws.send({ type: "message.send", chatId: chat.chatId, clientId: "early-2", body: "hi" });
    expect(await ws.next("error")).toMatchObject({ code: "unauthenticated", clientId: "early-2" });
    expect(await ws.closed()).toBe(4401);
  });
});

describe("client ids", () => {
  it("are the sender's own: an operator reusing the customer's clientId stores a message of its own", async () => {
    const chat = await liveChat(server);
    const { chatId } = chat;
    chat.customerWs.send({
      type: "message.send",
      chatId,
      clientId: "1",
      body: "from the customer",
    });
    await chat.customerWs.next("ack");
    chat.operatorWs.send({
      type: "message.send",
      chatId,
      clientId: "1",
      body: "from the operator",
    });
    const ack = await chat.operatorWs.next("ack", (frame) => frame.clientId === "1");
    expect(ack.message).toMatchObject({ author: "operator", body: "from the operator", seq: 3 });
    const atCustomer = await chat.customerWs.next("message", (frame) => frame.message.seq === 3);
    expect(atCustomer.message.body).toBe("from the operator");

    // Each sender's resend is still answered with its own message, and nothing new is stored.
    chat.operatorWs.send({
      type: "message.send",
      chatId,
      clientId: "1",
      body: "from the operator",
    });
    expect((await chat.operatorWs.next("ack")).message.seq).toBe(3);
    chat.customerWs.send({
      type: "message.send",
      chatId,
      clientId: "1",
      body: "from the customer",
    });
    expect((await chat.customerWs.next("ack")).message).toMatchObject({
      seq: 2,
      author: "customer",
    });
    const stored = await messagesAfter(server.app.context.db, chatId, 0);
    expect(stored.map((message) => message.body)).toEqual([
      "Hello, how can we help?",
      "from the customer",
      "from the operator",
    ]);
  });

  it("are each operator's own: after a transfer the new operator's clientId does not meet the old one's", async () => {
    const chat = await liveChat(server);
    const { chatId } = chat;
    const other = await buildOperator(server, { services: [chat.service], status: "online" });
    chat.operatorWs.send({ type: "message.send", chatId, clientId: "o-1", body: "first operator" });
    await chat.operatorWs.next("ack");
    chat.operatorWs.send({ type: "chat.transfer", chatId, operatorId: other.id });
    const otherWs = other.socket as TestSocket;
    await otherWs.next("synced", (frame) => frame.chatId === chatId);
    otherWs.send({ type: "message.send", chatId, clientId: "o-1", body: "second operator" });
    const ack = await otherWs.next("ack");
    expect(ack.message).toMatchObject({ operatorId: other.id, body: "second operator" });
  });
});

describe("an operator's hello", () => {
  it("welcomes first, and a chat moved while the welcome was prepared ends up moved", async () => {
    const { chatId, operator, operatorWs } = await liveChat(server);
    const isEntry = (frame: (typeof operatorWs.frames)[number]) =>
      frame.type === "chat" && frame.chat.id === chatId;
    const entry = operatorWs.frames.find(isEntry) as { chat: ChatSummary };
    operatorWs.close();
    const colleague = await buildOperator(server);
    // A transfer commits once the new connection listens and before its snapshot is read: its
    // event is newer than the snapshot, which still has the chat as this operator's.
    const { bus } = server.app.context;
    const subscribe = bus.subscribe.bind(bus);
    const spy = vi.spyOn(bus, "subscribe").mockImplementation(async (topic, listener) => {
      const unsubscribe = await subscribe(topic, listener);
      if (topic === topics.operator(operator.id)) {
        spy.mockRestore();
        const moved = { ...entry.chat, operatorId: colleague.id };
        await bus.publish(topic, { type: "chat", chat: moved });
      }
      return unsubscribe;
    });
    const ws = await operatorSocket(server, operator);
    await ws.next("chat", (frame) => frame.chat.operatorId === colleague.id);
    // Before the welcome, the entry would be pruned by it; before the snapshot, undone by it.
    expect(ws.frames[0]?.type).toBe("welcome");
    const entries = ws.frames.filter(isEntry) as { chat: ChatSummary }[];
    expect(entries.at(-1)?.chat.operatorId).toBe(colleague.id);
    ws.close();
  });
});

describe("a chat's state", () => {
  it("comes once after synced for a chat newly assigned to a connected operator", async () => {
    const service = await buildService(server);
    const operator = await buildOperator(server, { services: [service], status: "online" });
    const chat = await requestChat(server, service);
    const ws = operator.socket as TestSocket;
    await ws.next("synced", (frame) => frame.chatId === chat.chat.id);
    // The customer's first message marks the end of what the assignment caused.
    const customerWs = await customerSocket(server, chat);
    customerWs.send({ type: "message.send", chatId: chat.chat.id, clientId: "m", body: "mark" });
    await ws.next("message", (frame) => frame.message.body === "mark");
    const states = ws.frames.filter((frame) => frame.type === "chat.state");
    expect(states).toHaveLength(1);
  });

  it("goes to both sides when the operator ends the chat", async () => {
    const chat = await liveChat(server);
    chat.operatorWs.send({ type: "chat.end", chatId: chat.chatId });
    for (const ws of [chat.customerWs, chat.operatorWs]) {
      const state = await ws.next("chat.state", (frame) => frame.update.state === "closed");
      expect(state.update.chatId).toBe(chat.chatId);
    }
    // The operator's workspace entry goes too, before or after the state.
    const isClosedEntry = (frame: (typeof chat.operatorWs.frames)[number]) =>
      frame.type === "chat" && frame.chat.id === chat.chatId && frame.chat.state === "closed";
    if (!chat.operatorWs.frames.some(isClosedEntry)) {
      await chat.operatorWs.next("chat", (frame) => frame.chat.state === "closed");
    }
  });
});

describe("the limits docs/protocol.md gives", () => {
  it("count a body's length in code points, and take U+3000 alone for blank but not zero-width spaces", async () => {
    const chat = await liveChat(server);
    const { chatId, customerWs } = chat;
    const send = (clientId: string, body: string) =>
      customerWs.send({ type: "message.send", chatId, clientId, body });
    send("emoji-5000", "😀".repeat(5000));
    expect((await customerWs.next("ack")).clientId).toBe("emoji-5000");
    send("emoji-5001", "😀".repeat(5001));
    expect(await customerWs.next("error")).toMatchObject({
      clientId: "emoji-5001",
      field: "frame.body",
    });
    send("ideographic-space", "\u3000\u3000");
    expect(await customerWs.next("error")).toMatchObject({
      clientId: "ideographic-space",
      field: "frame.body",
    });
    send("zero-width", "\u200b");
    expect((await customerWs.next("ack")).message.body).toBe("\u200b");
  });

  it("give the sender its own message as a message frame besides the ack", async () => {
    const chat = await liveChat(server);
    chat.customerWs.send({
      type: "message.send",
      chatId: chat.chatId,
      clientId: "own",
      body: "mine",
    });
    const own = await chat.customerWs.next("message", (frame) => frame.message.clientId === "own");
    const isAck = (frame: (typeof chat.customerWs.frames)[number]) =>
      frame.type === "ack" && frame.clientId === "own";
    const ack = chat.customerWs.frames.find(isAck) ?? (await chat.customerWs.next("ack"));
    expect(ack).toMatchObject({ message: own.message });
  });

  it("refuse a binary frame and a second hello, and the connection goes on", async () => {
    const chat = await liveChat(server);
    const { customerWs, chatId } = chat;
    customerWs.socket.send(
      Buffer.from(JSON.stringify({ type: "typing.set", chatId, typing: true })),
      {
        binary: true,
      },
    );
    expect(await customerWs.next("error")).toMatchObject({ code: "validation_failed" });
    customerWs.send({ type: "hello", customerToken: chat.chat.customerToken, cursors: [] });
    expect(await customerWs.next("error")).toMatchObject({
      code: "validation_failed",
      message: "hello was already said",
    });
    customerWs.send({ type: "message.send", chatId, clientId: "still", body: "still here" });
    expect((await customerWs.next("ack")).clientId).toBe("still");
  });
});
