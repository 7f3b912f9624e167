/**
 * The realtime protocol over /ws, one set of frames for both roles. docs/protocol.md explains the
 * guarantees; these schemas are the single definition of every frame's shape.
 */
import { z } from "zod";
import {
  chatStateUpdate,
  chatSummary,
  clientId,
  message,
  messageBody,
  ratingComment,
  ratingScore,
} from "./chat.js";
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
  /** Chosen by the sender, unique per sender in the chat; a resend with the same id is answered
   *  with the stored message and stores nothing new. Another sender's same id is no resend. */
  clientId,
  body: messageBody,
});

const chatAction = <T extends string>(type: T) =>
  z.object({
    type: z.literal(type),
    chatId: z.uuid(),
    /** Echoed in the error frame if the action is refused. */
    requestId: z.string().max(64).optional(),
  });

/** The sender started or stopped typing. Not stored; the other side sees an indicator. */
export const typingFrame = chatAction("typing.set").extend({ typing: z.boolean() });
/** The sender has seen the chat up to this sequence number. */
export const readFrame = chatAction("read.set").extend({ seq: z.number().int().nonnegative() });
/** Customer: end the chat on their side. Operator: close it for both. */
export const endChatFrame = chatAction("chat.end");
/** Operator: send the satisfaction message and the rating form. */
export const requestRatingFrame = chatAction("rating.request");
/** Customer: rate the chat (again, until it closes). */
export const rateFrame = chatAction("rating.set").extend({
  score: ratingScore,
  comment: ratingComment.optional(),
});
/** Operator: hand the chat to another online operator of its service. */
export const transferFrame = chatAction("chat.transfer").extend({ operatorId: z.uuid() });
/** Follow one more chat on a connection past its hello, from a cursor, as hello's cursors do. */
export const followFrame = chatAction("chat.follow").extend(chatCursor.shape);

export const clientFrame = z.discriminatedUnion("type", [
  helloFrame,
  sendMessageFrame,
  typingFrame,
  readFrame,
  endChatFrame,
  requestRatingFrame,
  rateFrame,
  transferFrame,
  followFrame,
]);
export type ChatActionFrame = Exclude<ClientFrame, HelloFrame | SendMessageFrame | FollowFrame>;
export type ClientFrame = z.infer<typeof clientFrame>;
export type HelloFrame = z.infer<typeof helloFrame>;
export type SendMessageFrame = z.infer<typeof sendMessageFrame>;
export type FollowFrame = z.infer<typeof followFrame>;

// Server → client

export const welcomeFrame = z.object({
  type: z.literal("welcome"),
  role: z.enum(["operator", "customer"]),
  /** The operator's or the customer's id. */
  id: z.string(),
  /** Operators: the ids of their live chats now (each is announced with a `chat` frame next).
   *  A reconnecting console drops any chat it holds that is not among them: it was closed or
   *  moved while the console was away. */
  chatIds: z.array(z.string()).optional(),
});

/** A committed message of a chat the connection follows, replayed or live. */
export const messageFrame = z.object({ type: z.literal("message"), message });

/** A message the connection was already sent was masked by an operator (personal data): the
 *  client replaces the one of the same chat and seq. Sent again on resume for every masked
 *  message up to the cursor. */
export const messageMaskedFrame = z.object({ type: z.literal("message.masked"), message });

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

/** A chat's state or rating changed; both sides of the chat get it. */
export const chatStateFrame = z.object({ type: z.literal("chat.state"), update: chatStateUpdate });

export const typingNoticeFrame = z.object({
  type: z.literal("typing"),
  chatId: z.string(),
  role: z.enum(["operator", "customer"]),
  typing: z.boolean(),
});

export const readNoticeFrame = z.object({
  type: z.literal("read"),
  chatId: z.string(),
  role: z.enum(["operator", "customer"]),
  seq: z.number().int().nonnegative(),
});

/** The customer's chat is queued: their place in the service's queue (1: next). Sent after the
 *  chat's state when they follow it, and again whenever the queue moves. */
export const queuePositionFrame = z.object({
  type: z.literal("queue.position"),
  chatId: z.string(),
  position: z.number().int().positive(),
});

/** Operators: a ticket of a service they work on was made or changed (a form, a chat, a colleague's
 *  edit or note). A list or the ticket's page on screen reads it again; nothing else is sent. */
export const ticketNoticeFrame = z.object({
  type: z.literal("ticket"),
  ticketId: z.string(),
  serviceId: z.string(),
});

export const errorFrame = z.object({
  type: z.literal("error"),
  code: errorCode,
  message: z.string(),
  field: z.string().optional(),
  /** The clientId of the message.send that failed, when it was one. */
  clientId: z.string().optional(),
  /** The requestId of the chat action that failed, when it had one. */
  requestId: z.string().optional(),
  /** The chat that could not be followed: a cursor of hello, or a chat.follow. */
  chatId: z.string().optional(),
});

export const serverFrame = z.discriminatedUnion("type", [
  welcomeFrame,
  messageFrame,
  messageMaskedFrame,
  ackFrame,
  syncedFrame,
  chatFrame,
  chatStateFrame,
  typingNoticeFrame,
  readNoticeFrame,
  queuePositionFrame,
  ticketNoticeFrame,
  errorFrame,
]);
export type ServerFrame = z.infer<typeof serverFrame>;
export type ErrorFrame = z.infer<typeof errorFrame>;
export type WelcomeFrame = z.infer<typeof welcomeFrame>;
export type TypingNoticeFrame = z.infer<typeof typingNoticeFrame>;
export type ReadNoticeFrame = z.infer<typeof readNoticeFrame>;
export type QueuePositionFrame = z.infer<typeof queuePositionFrame>;
export type TicketNoticeFrame = z.infer<typeof ticketNoticeFrame>;
