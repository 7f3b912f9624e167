import { z } from "zod";
import { attachment } from "./attachments.js";
import { channels, chatStates, deviceTypes, languages, messageAuthors } from "./domain.js";
import { MAX_CLIENT_ID_LENGTH, MAX_MESSAGE_LENGTH } from "./limits.js";

export const chatState = z.enum(chatStates);
export type { ChatState } from "./domain.js";
export const channel = z.enum(channels);
export const language = z.enum(languages);

export const messageAuthor = z.enum(messageAuthors);
export type MessageAuthor = z.infer<typeof messageAuthor>;

export const systemEvent = z.enum([
  "greeting",
  "customer_ended",
  "customer_idle",
  "operator_ended",
  "rating_requested",
  "transferred",
  /** The chat waited in the queue past the service's queue timeout and ended. */
  "queue_timeout",
]);
export type SystemEvent = z.infer<typeof systemEvent>;

/** PostgreSQL text cannot hold U+0000 nor half a surrogate pair: text that is stored refuses
 *  them here, naming the field, rather than failing in the database. */
export const storable = (text: z.ZodString) =>
  text
    .refine((value) => !value.includes("\u0000"), "must not contain a NUL character")
    .refine((value) => !/\p{Cs}/u.test(value), "must be valid Unicode text (no lone surrogates)");

export const ratingScore = z.number().int().min(1).max(5);
export const ratingComment = storable(z.string().max(2000));

export const clientId = storable(z.string().min(1).max(MAX_CLIENT_ID_LENGTH));
export const messageBody = storable(
  z
    .string()
    .max(MAX_MESSAGE_LENGTH, `a message holds at most ${MAX_MESSAGE_LENGTH} characters`)
    .refine((body) => body.trim().length > 0, "a message cannot be empty"),
);

export const message = z.object({
  id: z.string(),
  chatId: z.string(),
  /** Per-chat sequence number: 1, 2, 3… without gaps, assigned when the message commits. */
  seq: z.number().int().positive(),
  clientId: z.string().nullable(),
  author: messageAuthor,
  operatorId: z.string().nullable(),
  /** Display name of the author as the reader should see it. */
  authorName: z.string().nullable(),
  /** For system messages: what happened, so each client can say it in its reader's language. */
  event: systemEvent.nullable(),
  body: z.string(),
  /** A file sent as the message (the body is its name); absent from text messages. */
  attachment: attachment.optional(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof message>;

export const customer = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  /** Raised by every edit: a Save names the version it started from (conflicts are refused). */
  version: z.number().int().positive(),
});
export type Customer = z.infer<typeof customer>;

/** The customer's device as parts from its user agent; each client says it in its reader's words. */
export const device = z.object({
  browser: z.string().nullable(),
  browserVersion: z.string().nullable(),
  os: z.string().nullable(),
  osVersion: z.string().nullable(),
  type: z.enum(deviceTypes),
});
export type Device = z.infer<typeof device>;

/** The ticket a chat became (tickets are in shared/tickets.ts). */
export const chatTicket = z.object({ id: z.string(), number: z.number().int().positive() });
export type ChatTicket = z.infer<typeof chatTicket>;

/** A chat as an operator sees it in the console's list. */
export const chatSummary = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  state: chatState,
  operatorId: z.string().nullable(),
  customer,
  channel,
  /** The page that carried the widget, for the widget channel. */
  pageUrl: z.string().nullable(),
  /** The customer's language: the service's texts reach them in it. */
  language,
  processingTypeId: z.string().nullable(),
  ipAddress: z.string().nullable(),
  device: device.nullable(),
  requestedAt: z.string(),
  firstOpenedAt: z.string().nullable(),
  firstReplyAt: z.string().nullable(),
  customerEndedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Opened and answered by the operator (PRODUCT.md); unprocessed chats count as abandoned. */
  processed: z.boolean(),
  rating: ratingScore.nullable(),
  ratingComment: z.string().nullable(),
  lastSeq: z.number().int().nonnegative(),
  /** The highest sequence number the operator has read: the unread count is lastSeq minus it
   *  (less the operator's own messages). */
  operatorReadSeq: z.number().int().nonnegative(),
  customerReadSeq: z.number().int().nonnegative(),
  /** Raised by every edit of the inquiry info. */
  version: z.number().int().positive(),
  /** The ticket made from the chat, or null: one chat, one ticket. */
  ticket: chatTicket.nullable(),
});
export type ChatSummary = z.infer<typeof chatSummary>;

/** What both sides of a chat learn when its state or rating changes. */
export const chatStateUpdate = z.object({
  chatId: z.string(),
  state: chatState,
  operatorId: z.string().nullable(),
  operatorName: z.string().nullable(),
  rating: ratingScore.nullable(),
  ratingComment: z.string().nullable(),
});
export type ChatStateUpdate = z.infer<typeof chatStateUpdate>;
