/** A chat in progress, both sides connected: what the realtime tests attack, flood and watch. */
import { expect } from "vitest";
import type { StartChatResponse } from "../../shared/api.js";
import type { ServiceRow } from "../services/services.js";
import {
  buildOperator,
  buildService,
  customerSocket,
  requestChat,
  type TestOperator,
} from "./factories.js";
import type { TestServer } from "./harness.js";
import type { TestSocket } from "./socket.js";

export interface LiveChat {
  service: ServiceRow;
  operator: TestOperator;
  chat: StartChatResponse;
  chatId: string;
  customerWs: TestSocket;
  operatorWs: TestSocket;
}

/** A new service with one online operator, and a chat of a new customer there; both sockets are
 *  past the replay and the chat's state, so every frame after this is news. */
export async function liveChat(server: TestServer, service?: ServiceRow): Promise<LiveChat> {
  const inService = service ?? (await buildService(server));
  const operator = await buildOperator(server, { services: [inService], status: "online" });
  const chat = await requestChat(server, inService);
  const chatId = chat.chat.id;
  const operatorWs = operator.socket as TestSocket;
  await operatorWs.next("synced", (frame) => frame.chatId === chatId);
  await operatorWs.next("chat.state", (frame) => frame.update.chatId === chatId);
  const customerWs = await customerSocket(server, chat);
  await customerWs.next("synced");
  await customerWs.next("chat.state");
  return { service: inService, operator, chat, chatId, operatorWs, customerWs };
}

/** Where each side's frames stand now: what `expectOnlyMarker` compares against. */
export function mark(chat: LiveChat) {
  return { customer: chat.customerWs.frames.length, operator: chat.operatorWs.frames.length };
}

type Frame = TestSocket["frames"][number];

/** The chat a frame is about; none for welcome and error frames. */
function chatOf(frame: Frame): string | undefined {
  switch (frame.type) {
    case "message":
    case "ack":
      return frame.message.chatId;
    case "chat":
      return frame.chat.id;
    case "chat.state":
      return frame.update.chatId;
    case "synced":
    case "typing":
    case "read":
      return frame.chatId;
    default:
      return undefined;
  }
}

/**
 * The customer sends a marker message: both sides must see it, and nothing else since `since`
 * but the frames the test `expected` (and, for an operator, frames about their other chats).
 * Frames are delivered in order, so anything an attacker caused before would show up first.
 */
export async function expectOnlyMarker(
  chat: LiveChat,
  since: ReturnType<typeof mark>,
  expected: (frame: Frame) => boolean = () => false,
) {
  const body = `marker ${crypto.randomUUID()}`;
  chat.customerWs.send({ type: "message.send", chatId: chat.chatId, clientId: body, body });
  // The operator's copy comes after the commit, the customer's ack too, in either order with the
  // customer's own copy: wait for the last of the three.
  await chat.operatorWs.next("message", (frame) => frame.message.body === body);
  await chat.customerWs.next("ack", (frame) => frame.clientId === body);
  const isMarker = (frame: Frame) =>
    (frame.type === "ack" || frame.type === "message") && frame.message.body === body;
  const markers = () => chat.customerWs.frames.slice(since.customer).filter(isMarker).length;
  if (markers() < 2) await chat.customerWs.next("message", (frame) => frame.message.body === body);
  const unexpected = (frame: Frame) =>
    !expected(frame) && !isMarker(frame) && (chatOf(frame) ?? chat.chatId) === chat.chatId;
  expect(chat.customerWs.frames.slice(since.customer).filter(unexpected)).toEqual([]);
  expect(chat.operatorWs.frames.slice(since.operator).filter(unexpected)).toEqual([]);
}
