import { z } from "zod";
import { MAX_CLIENT_ID_LENGTH, MAX_MESSAGE_LENGTH } from "./limits.js";

export const chatState = z.enum(["waiting", "active", "ended_by_customer", "closed"]);
export type ChatState = z.infer<typeof chatState>;

export const messageAuthor = z.enum(["customer", "operator", "system"]);
export type MessageAuthor = z.infer<typeof messageAuthor>;

export const clientId = z.string().min(1).max(MAX_CLIENT_ID_LENGTH);
export const messageBody = z
  .string()
  .max(MAX_MESSAGE_LENGTH, `a message holds at most ${MAX_MESSAGE_LENGTH} characters`)
  .refine((body) => body.trim().length > 0, "a message cannot be empty");

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
  body: z.string(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof message>;

export const customer = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
});
export type Customer = z.infer<typeof customer>;

/** A chat as an operator sees it in the console's list. */
export const chatSummary = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  state: chatState,
  operatorId: z.string().nullable(),
  customer,
  channel: z.string(),
  ipAddress: z.string().nullable(),
  device: z.string().nullable(),
  requestedAt: z.string(),
  firstOpenedAt: z.string().nullable(),
  lastSeq: z.number().int().nonnegative(),
});
export type ChatSummary = z.infer<typeof chatSummary>;
