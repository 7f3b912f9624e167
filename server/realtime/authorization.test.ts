/**
 * The WebSocket half of the authorization matrix (ARCHITECTURE.md, "Reliability and security
 * bars"): every chat frame of shared/protocol.ts, sent by everyone who must not reach a chat, is
 * refused like a chat that does not exist, and neither side of that chat sees a thing; sent by its
 * own customer and operator, it does what it says.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientFrame } from "../../shared/protocol.js";
import {
  buildOperator,
  buildService,
  customerSocket,
  operatorSocket,
  requestChat,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { expectOnlyMarker, type LiveChat, liveChat, mark } from "../test/live-chat.js";
import { TestSocket } from "../test/socket.js";
import { chats, messages } from "../test/tables.js";

type ActionType = Exclude<ClientFrame["type"], "hello">;

/** One valid frame of every chat action, aimed at a chat; `to` is a transfer's target. */
const actions: Record<ActionType, (chatId: string, to: string, ref: string) => ClientFrame> = {
  "message.send": (chatId, _to, ref) => ({
    type: "message.send",
    chatId,
    clientId: ref,
    body: "I am not who you think",
  }),
  "typing.set": (chatId, _to, ref) => ({
    type: "typing.set",
    chatId,
    typing: true,
    requestId: ref,
  }),
  "read.set": (chatId, _to, ref) => ({ type: "read.set", chatId, seq: 1, requestId: ref }),
  "chat.end": (chatId, _to, ref) => ({ type: "chat.end", chatId, requestId: ref }),
  "rating.request": (chatId, _to, ref) => ({ type: "rating.request", chatId, requestId: ref }),
  "rating.set": (chatId, _to, ref) => ({
    type: "rating.set",
    chatId,
    score: 1,
    comment: "terrible",
    requestId: ref,
  }),
  "chat.transfer": (chatId, to, ref) => ({
    type: "chat.transfer",
    chatId,
    operatorId: to,
    requestId: ref,
  }),
  "chat.follow": (chatId, _to, ref) => ({
    type: "chat.follow",
    chatId,
    lastSeq: 0,
    requestId: ref,
  }),
};
const actionTypes = Object.keys(actions) as ActionType[];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** What a refused frame must leave as it was: the chat's row and its transcript. */
async function chatRecord(chatId: string) {
  const { db } = server.app.context;
  const [chat] = await db.select().from(chats).where(eq(chats.id, chatId));
  return { chat, messages: await db.$count(messages, eq(messages.chatId, chatId)) };
}

/** Sends every chat action at the chat and expects each refused with `code`, naming the frame. */
async function expectAllRefused(ws: TestSocket, chatId: string, to: string, code: string) {
  for (const type of actionTypes) {
    const ref = `${type}-${crypto.randomUUID()}`;
    ws.send(actions[type](chatId, to, ref));
    const refusal = await ws.next("error");
    expect({ type, code: refusal.code, ref: refusal.clientId ?? refusal.requestId }).toEqual({
      type,
      code,
      ref,
    });
  }
}

describe("a chat's frames from anyone but its own customer and operator", () => {
  let victim: LiveChat;
  beforeAll(async () => {
    victim = await liveChat(server);
  });

  /** After the attempt the chat's row and transcript are as they were, and neither side of the
   *  chat saw a thing. */
  async function expectUnseen(attempt: () => Promise<void>) {
    const before = await chatRecord(victim.chatId);
    const since = mark(victim);
    await attempt();
    expect(await chatRecord(victim.chatId)).toEqual(before);
    await expectOnlyMarker(victim, since);
  }

  it("are refused as chat_not_found for a customer of another chat of the same service, and neither side sees anything", async () => {
    const other = await requestChat(server, victim.service);
    const otherWs = await customerSocket(server, other);
    await expectUnseen(() =>
      expectAllRefused(otherWs, victim.chatId, victim.operator.id, "chat_not_found"),
    );
    otherWs.close();
  });

  it("are refused as chat_not_found for a customer of another service", async () => {
    const elsewhere = await liveChat(server);
    await expectUnseen(() =>
      expectAllRefused(
        elsewhere.customerWs,
        victim.chatId,
        elsewhere.operator.id,
        "chat_not_found",
      ),
    );
  });

  it("are refused as chat_not_found for an operator of another service, even one that names the chat in its hello", async () => {
    const outsider = await buildOperator(server, {
      services: [await buildService(server)],
      status: "online",
    });
    const outsiderWs = await operatorSocket(server, outsider, [
      { chatId: victim.chatId, lastSeq: 0 },
    ]);
    await expectUnseen(() =>
      expectAllRefused(outsiderWs, victim.chatId, outsider.id, "chat_not_found"),
    );
    // Its hello followed nothing of the chat: no message of it ever reached the outsider.
    expect(
      outsiderWs.frames.filter((frame) => frame.type === "message" || frame.type === "chat"),
    ).toEqual([]);
    outsiderWs.close();
  });

  it("are refused as chat_not_found for an operator of the same service to whom the chat is not assigned", async () => {
    const colleague = await buildOperator(server, { services: [victim.service], status: "online" });
    const colleagueWs = colleague.socket as TestSocket;
    await expectUnseen(() =>
      expectAllRefused(colleagueWs, victim.chatId, colleague.id, "chat_not_found"),
    );
    colleagueWs.close();
  });

  it("are refused as unauthenticated, with the connection closed, before a hello (even with a session cookie)", async () => {
    await expectUnseen(async () => {
      for (const type of actionTypes) {
        const early = await TestSocket.open(server.wsUrl, { cookie: victim.operator.cookie });
        early.send(actions[type](victim.chatId, victim.operator.id, type));
        expect((await early.next("error")).code).toBe("unauthenticated");
        expect(await early.closed()).toBe(4401);
      }
    });
  });

  it("are refused as unauthenticated for a hello with a forged customer token", async () => {
    const forger = await TestSocket.open(server.wsUrl);
    const { customerToken } = victim.chat;
    forger.send({
      type: "hello",
      // The victim's own service and customer, signed with anything but the server's key.
      customerToken: `${customerToken.slice(0, customerToken.lastIndexOf("."))}.forged`,
      cursors: [{ chatId: victim.chatId, lastSeq: 0 }],
    });
    expect(await forger.next("error")).toMatchObject({
      code: "unauthenticated",
      field: "customerToken",
    });
    expect(await forger.closed()).toBe(4401);
    expect(forger.frames.map((frame) => frame.type)).toEqual(["error"]);
  });
});

describe("a chat's frames from its own side", () => {
  it("refuse what the sender's role may not do (not_allowed), and the other side sees nothing", async () => {
    const victim = await liveChat(server);
    const before = await chatRecord(victim.chatId);
    const since = mark(victim);
    const refusals: Array<[TestSocket, ActionType]> = [
      [victim.customerWs, "rating.request"],
      [victim.customerWs, "chat.transfer"],
      [victim.operatorWs, "rating.set"],
    ];
    for (const [ws, type] of refusals) {
      ws.send(actions[type](victim.chatId, victim.operator.id, type));
      expect(await ws.next("error")).toMatchObject({ code: "not_allowed", requestId: type });
    }
    expect(await chatRecord(victim.chatId)).toEqual(before);
    // Besides the marker, each side saw only the refusals of its own frames.
    await expectOnlyMarker(
      victim,
      since,
      (frame) => frame.type === "error" && frame.code === "not_allowed",
    );
    const refused = (ws: TestSocket, from: number) =>
      ws.frames.slice(from).flatMap((frame) => (frame.type === "error" ? [frame.requestId] : []));
    expect(refused(victim.customerWs, since.customer)).toEqual(["rating.request", "chat.transfer"]);
    expect(refused(victim.operatorWs, since.operator)).toEqual(["rating.set"]);
  });

  it("do what they say, each seen by the other side", async () => {
    const victim = await liveChat(server);
    const { chatId, customerWs, operatorWs } = victim;
    const seen: Record<ActionType, () => Promise<unknown>> = {
      "message.send": async () => {
        customerWs.send(actions["message.send"](chatId, "", "mine"));
        await operatorWs.next("message", (frame) => frame.message.clientId === "mine");
      },
      "typing.set": async () => {
        customerWs.send(actions["typing.set"](chatId, "", "typing"));
        await operatorWs.next("typing", (frame) => frame.role === "customer" && frame.typing);
      },
      "read.set": async () => {
        customerWs.send(actions["read.set"](chatId, "", "read"));
        await operatorWs.next("read", (frame) => frame.role === "customer" && frame.seq === 1);
      },
      "rating.request": async () => {
        operatorWs.send(actions["rating.request"](chatId, "", "ask"));
        await customerWs.next("message", (frame) => frame.message.event === "rating_requested");
      },
      "rating.set": async () => {
        customerWs.send(actions["rating.set"](chatId, "", "rate"));
        await operatorWs.next("chat.state", (frame) => frame.update.rating === 1);
      },
      "chat.follow": async () => {
        const another = await TestSocket.open(server.wsUrl);
        another.send({ type: "hello", customerToken: victim.chat.customerToken, cursors: [] });
        another.send(actions["chat.follow"](chatId, "", "follow"));
        await another.next("synced", (frame) => frame.chatId === chatId);
        customerWs.send(actions["message.send"](chatId, "", "followed"));
        await another.next("message", (frame) => frame.message.clientId === "followed");
        another.close();
      },
      "chat.transfer": async () => {
        const colleague = await buildOperator(server, {
          services: [victim.service],
          status: "online",
        });
        operatorWs.send(actions["chat.transfer"](chatId, colleague.id, "transfer"));
        await customerWs.next("message", (frame) => frame.message.event === "transferred");
        await (colleague.socket as TestSocket).next("chat", (frame) => frame.chat.id === chatId);
        colleague.socket?.close();
      },
      // Last: the transferring operator no longer holds the chat, so its customer ends it.
      "chat.end": async () => {
        customerWs.send(actions["chat.end"](chatId, "", "end"));
        await customerWs.next("chat.state", (frame) => frame.update.state === "ended_by_customer");
      },
    };
    for (const type of actionTypes.filter((type) => type !== "chat.end")) await seen[type]();
    await seen["chat.end"]();
    expect(customerWs.frames.filter((frame) => frame.type === "error")).toEqual([]);
    expect(operatorWs.frames.filter((frame) => frame.type === "error")).toEqual([]);
  });
});
