/**
 * The reference client (shared/realtime-client.ts) against the real server, over real sockets:
 * it follows a chat on a live connection, reconnects with a growing backoff, resumes without
 * repeats, and resends what was not acknowledged so that it is stored once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import type { Message } from "../../shared/chat.js";
import {
  RealtimeClient,
  type RealtimeEvents,
  reconnectDelay,
} from "../../shared/realtime-client.js";
import { messagesAfter } from "../chats/queries.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { type LiveChat, liveChat } from "../test/live-chat.js";
import { tcpOf } from "../test/socket.js";

/** Node 20 has no WebSocket of its own; `ws` has the API a browser gives the client, except
 *  that an error nobody listens to throws, where a browser only reports it before the close. */
class BrowserWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    this.on("error", () => {});
  }
}
globalThis.WebSocket ??= BrowserWebSocket as unknown as typeof globalThis.WebSocket;

const WAIT_LIMIT_MS = 10_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Resolves with the client's next event of a kind that matches. */
function next<K extends keyof RealtimeEvents>(
  client: RealtimeClient,
  event: K,
  matches: (value: RealtimeEvents[K]) => boolean = () => true,
): Promise<RealtimeEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the client emitted no matching ${event}`));
    }, WAIT_LIMIT_MS);
    const stop = client.on(event, (value) => {
      if (!matches(value)) return;
      clearTimeout(timer);
      stop();
      resolve(value);
    });
  });
}

/** The chat's message that matches, held already or the next to arrive. */
async function held(
  client: RealtimeClient,
  chatId: string,
  matches: (message: Message) => boolean,
) {
  return client.messages(chatId).find(matches) ?? next(client, "message", matches);
}

const messageWith = (body: string) => (message: Message) => message.body === body;

/** A customer's client of the chat, and the server's end of its connection once it is open. */
async function customerClient(chat: LiveChat, follow = true) {
  const client = new RealtimeClient({ url: server.wsUrl, customerToken: chat.chat.customerToken });
  const received: Message[] = [];
  client.on("message", (message) => received.push(message));
  if (follow) client.follow(chat.chatId);
  const opened = next(client, "connection", (state) => state === "open");
  client.start();
  await opened;
  return { client, received };
}

/** The server's end of the client's current connection: the one not there before `known`. */
function newServerEnd(known: Set<unknown>) {
  const ends = [...server.app.server.websocketServer.clients].filter((end) => !known.has(end));
  expect(ends).toHaveLength(1);
  return ends[0] as WebSocket;
}
const serverEnds = () => new Set<unknown>(server.app.server.websocketServer.clients);

describe("the reference client", () => {
  it("follows a chat on a connection that is already open, and then gets it live", async () => {
    const chat = await liveChat(server);
    const { client, received } = await customerClient(chat, false);
    const greeting = next(client, "message");
    client.follow(chat.chatId);
    expect(await greeting).toMatchObject({ chatId: chat.chatId, seq: 1 });

    const live = next(client, "message", messageWith("live"));
    chat.operatorWs.send({
      type: "message.send",
      chatId: chat.chatId,
      clientId: "o",
      body: "live",
    });
    expect(await live).toMatchObject({ seq: 2 });
    expect(received.map((message) => message.seq)).toEqual([1, 2]);
    client.stop();
  });

  it("stops asking for a chat the server refuses, and follows the others", async () => {
    const chat = await liveChat(server);
    const before = serverEnds();
    const { client } = await customerClient(chat);
    const end = newServerEnd(before);
    const unknown = crypto.randomUUID();
    const errors: unknown[] = [];
    client.on("error", (error) => errors.push(error));
    const refused = next(client, "error");
    client.follow(unknown);
    expect(await refused).toMatchObject({ code: "chat_not_found", chatId: unknown });

    // After a reconnect its hello names the own chat only: a live message arrives, no refusal.
    const reopened = next(client, "connection", (state) => state === "open");
    end.terminate();
    await reopened;
    const live = next(client, "message", messageWith("after"));
    chat.operatorWs.send({
      type: "message.send",
      chatId: chat.chatId,
      clientId: "a",
      body: "after",
    });
    await live;
    expect(errors).toHaveLength(1);
    client.stop();
  });

  it("reconnects after its connection drops and gets what it missed once, in order", async () => {
    const chat = await liveChat(server);
    const before = serverEnds();
    const { client, received } = await customerClient(chat);
    await held(client, chat.chatId, (message) => message.seq === 1);
    const end = newServerEnd(before);

    const closed = next(client, "connection", (state) => state === "closed");
    end.terminate();
    await closed;
    // Committed while the client is away.
    chat.operatorWs.send({
      type: "message.send",
      chatId: chat.chatId,
      clientId: "o",
      body: "away",
    });
    await chat.operatorWs.next("ack");
    const missed = next(client, "message", messageWith("away"));
    expect(await missed).toMatchObject({ seq: 2 });
    expect(received.map((message) => message.seq)).toEqual([1, 2]);
    expect(client.messages(chat.chatId).map((message) => message.seq)).toEqual([1, 2]);
    client.stop();
  });

  it("resends what was not acknowledged with its clientId after a reconnect: stored once, shown once", async () => {
    const chat = await liveChat(server);
    const before = serverEnds();
    const { client, received } = await customerClient(chat);
    await held(client, chat.chatId, (message) => message.seq === 1);
    const end = newServerEnd(before);

    // The server stores the message, but its ack never reaches the client.
    tcpOf(end).cork();
    const sent = client.send(chat.chatId, "stored, ack lost");
    await chat.operatorWs.next("message", (frame) => frame.message.body === "stored, ack lost");
    const closed = next(client, "connection", (state) => state === "closed");
    end.terminate();
    await closed;
    // Written while disconnected: it waits in the outbox.
    const queued = client.send(chat.chatId, "written offline");
    expect(client.pending(chat.chatId).map((pending) => pending.clientId)).toEqual([
      sent.clientId,
      queued.clientId,
    ]);

    const arrived = next(client, "message", messageWith("written offline"));
    await arrived;
    const stored = await messagesAfter(server.app.context.db, chat.chatId, 1);
    expect(stored.map(({ body, clientId }) => ({ body, clientId }))).toEqual([
      { body: "stored, ack lost", clientId: sent.clientId },
      { body: "written offline", clientId: queued.clientId },
    ]);
    // Each is in the transcript once, though it came as a message and as an ack.
    expect(received.map((message) => message.seq)).toEqual([1, 2, 3]);
    expect(client.messages(chat.chatId).map((message) => message.seq)).toEqual([1, 2, 3]);
    expect(client.pending(chat.chatId)).toEqual([]);
    client.stop();
  });
});

describe("the reference client's backoff", () => {
  it("waits from 250 ms up to its ceiling, between half and all of each step", () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, 10_000, 1))).toEqual([
      250, 500, 1000, 2000,
    ]);
    expect(reconnectDelay(0, 10_000, 0)).toBe(125);
    expect(reconnectDelay(12, 10_000, 1)).toBe(10_000);
    expect(reconnectDelay(12, 10_000, 0)).toBe(5000);
  });

  it("grows with each attempt that does not open, and starts over once one does", async () => {
    // A real WebSocket server that refuses the first upgrades with 429, as a connection limit.
    const refusals = 5;
    const attempts: number[] = [];
    const wss = new WebSocketServer({
      port: 0,
      verifyClient: (_info, done) => {
        attempts.push(performance.now());
        done(attempts.length > refusals, 429);
      },
    });
    await new Promise((resolve) => wss.once("listening", resolve));
    const { port } = wss.address() as { port: number };
    const opened = new Promise<WebSocket>((resolve) => wss.once("connection", resolve));
    const client = new RealtimeClient({ url: `ws://127.0.0.1:${port}/ws`, maxBackoffMs: 2000 });
    client.start();
    const accepted = await opened;
    // It was let in: dropped now, it comes back after the first step again.
    const again = new Promise((resolve) => wss.once("connection", resolve));
    accepted.terminate();
    await again;
    client.stop();
    await new Promise((resolve) => wss.close(resolve));

    const waits = attempts.slice(1).map((at, index) => at - (attempts[index] as number));
    // Timers never fire early: each wait is at least half its step (a little for clock grain).
    const floors = [0, 1, 2, 3, 4].map((attempt) => reconnectDelay(attempt, 2000, 0) - 5);
    for (const [index, floor] of floors.entries()) {
      expect(waits[index]).toBeGreaterThanOrEqual(floor);
    }
    expect(waits.length).toBe(refusals + 1);
    const reset = waits.at(-1) as number;
    expect(reset).toBeLessThan(reconnectDelay(refusals, 2000, 0));
  });
});

/** A scripted server: welcomes any hello and answers each message.send with the next of
 *  `answers` (an error code, or "ack"), recording every send it got. */
async function scriptedServer(
  answers: Array<"ack" | "internal_error" | "rate_limited" | "validation_failed">,
) {
  const sends: Array<{ clientId: string; body: string; at: number }> = [];
  const wss = new WebSocketServer({ port: 0 });
  wss.on("connection", (socket) => {
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === "hello") {
        socket.send(JSON.stringify({ type: "welcome", role: "customer", id: "customer" }));
        return;
      }
      if (frame.type !== "message.send") return;
      sends.push({ clientId: frame.clientId, body: frame.body, at: performance.now() });
      const answer = answers.shift() ?? "ack";
      if (answer !== "ack") {
        socket.send(
          JSON.stringify({
            type: "error",
            code: answer,
            message: answer,
            clientId: frame.clientId,
          }),
        );
        return;
      }
      const message = {
        id: crypto.randomUUID(),
        chatId: frame.chatId,
        seq: sends.filter((send) => send.clientId !== frame.clientId).length + 1,
        clientId: frame.clientId,
        author: "customer",
        operatorId: null,
        authorName: null,
        event: null,
        body: frame.body,
        createdAt: new Date().toISOString(),
      };
      socket.send(JSON.stringify({ type: "ack", clientId: frame.clientId, message }));
    });
  });
  await new Promise((resolve) => wss.once("listening", resolve));
  const { port } = wss.address() as { port: number };
  return {
    sends,
    url: `ws://127.0.0.1:${port}/ws`,
    close: () => new Promise((resolve) => wss.close(resolve)),
  };
}

/** A client following a chat of its own, connected to the scripted server. */
async function connectedTo(url: string) {
  const client = new RealtimeClient({ url, maxBackoffMs: 2000 });
  const chatId = crypto.randomUUID();
  client.follow(chatId);
  const opened = next(client, "connection", (state) => state === "open");
  client.start();
  await opened;
  return { client, chatId };
}

describe("the reference client's retry rule", () => {
  it("sends a message refused with internal_error or rate_limited again with its clientId, after a growing wait, until it is stored", async () => {
    const server = await scriptedServer(["internal_error", "rate_limited", "internal_error"]);
    const { client, chatId } = await connectedTo(server.url);
    const errors: unknown[] = [];
    client.on("error", (error) => errors.push(error));

    const stored = next(client, "message");
    const sent = client.send(chatId, "try until stored");
    expect(client.pending(chatId)).toEqual([sent]);
    expect(await stored).toMatchObject({ clientId: sent.clientId, body: "try until stored" });

    expect(server.sends.map((send) => send.clientId)).toEqual(Array(4).fill(sent.clientId));
    const waits = server.sends
      .slice(1)
      .map((send, index) => send.at - (server.sends[index]?.at ?? 0));
    for (const [attempt, wait] of waits.entries()) {
      expect(wait).toBeGreaterThanOrEqual(reconnectDelay(attempt, 2000, 0) - 5);
    }
    // Never shown as failed: it was sending all along, and now it is in the transcript once.
    expect(errors).toEqual([]);
    expect(client.pending(chatId)).toEqual([]);
    expect(client.messages(chatId).map((message) => message.clientId)).toEqual([sent.clientId]);
    client.stop();
    await server.close();
  });

  it("gives up at once on a refusal that is not retryable, and reports it", async () => {
    const server = await scriptedServer(["validation_failed"]);
    const { client, chatId } = await connectedTo(server.url);

    const refused = next(client, "error");
    const sent = client.send(chatId, "refused for good");
    expect(await refused).toMatchObject({ code: "validation_failed", clientId: sent.clientId });
    expect(client.pending(chatId)).toEqual([]);
    // The next message is the next the server gets: the refused one was not sent again.
    const stored = next(client, "message");
    const after = client.send(chatId, "after");
    await stored;
    expect(server.sends.map((send) => send.clientId)).toEqual([sent.clientId, after.clientId]);
    client.stop();
    await server.close();
  });
});
