/**
 * The realtime protocol over /ws, one set of frames for both roles. docs/protocol.md explains the
 * guarantees; these schemas are the single definition of every frame's shape.
 */
import { z } from "zod";
import { chatSummary, clientId, message, messageBody } from "./chat.js";
import { errorCode } from "./errors.js";

const chatCursor = z.object({
  chatId: z.uuid(),
  /** The highest sequence number the client holds for this chat; 0 for none. */
  lastSeq: z.number().int().nonnegative(),
});
export type ChatCursor = z.infer<typeof chatCursor>;

// Client → server

export const helloFrame = z.object({
  type: z.literal("hello"),
  /** Customers authenticate with the token they got when they started the chat. Operators send
   *  none: their console session cookie authenticated the WebSocket upgrade. */
  customerToken: z.string().min(1).optional(),
  /** Where the client left off, per chat. Chats left out are sent from the start. */
  cursors: z.array(chatCursor).max(1000).default([]),
});

export const sendMessageFrame = z.object({
  type: z.literal("message.send"),
  chatId: z.uuid(),
  /** Chosen by the sender, unique per chat; a resend with the same id is answered with the
   *  stored message and stores nothing new. */
  clientId,
  body: messageBody,
});

export const clientFrame = z.discriminatedUnion("type", [helloFrame, sendMessageFrame]);
export type ClientFrame = z.infer<typeof clientFrame>;
export type HelloFrame = z.infer<typeof helloFrame>;
export type SendMessageFrame = z.infer<typeof sendMessageFrame>;

// Server → client

export const welcomeFrame = z.object({
  type: z.literal("welcome"),
  role: z.enum(["operator", "customer"]),
  /** The operator's or the customer's id. */
  id: z.string(),
});

/** A committed message of a chat the connection follows, replayed or live. */
export const messageFrame = z.object({ type: z.literal("message"), message });

/** The answer to message.send, sent only after the message is committed. */
export const ackFrame = z.object({ type: z.literal("ack"), clientId: z.string(), message });

/** Every message up to lastSeq has been sent for this chat; what follows is live. */
export const syncedFrame = z.object({
  type: z.literal("synced"),
  chatId: z.string(),
  lastSeq: z.number().int().nonnegative(),
});

/** A chat was assigned to this operator or changed state. */
export const chatFrame = z.object({ type: z.literal("chat"), chat: chatSummary });

export const errorFrame = z.object({
  type: z.literal("error"),
  code: errorCode,
  message: z.string(),
  field: z.string().optional(),
  /** The clientId of the message.send that failed, when it was one. */
  clientId: z.string().optional(),
});

export const serverFrame = z.discriminatedUnion("type", [
  welcomeFrame,
  messageFrame,
  ackFrame,
  syncedFrame,
  chatFrame,
  errorFrame,
]);
export type ServerFrame = z.infer<typeof serverFrame>;
export type ErrorFrame = z.infer<typeof errorFrame>;
