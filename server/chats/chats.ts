/** A chat's start and its transcript: requests, assignment at request time, and messages with
 *  their sequence numbers. */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Attachment } from "../../shared/attachments.js";
import type { ChatSummary, Message, SystemEvent } from "../../shared/chat.js";
import type { Channel, Language } from "../../shared/domain.js";
import {
  assignOperator,
  hasAvailableOperator,
  recentOperatorOf,
  recordAssignment,
} from "../assignment/assignment.js";
import type { AppContext } from "../context.js";
import { customerFor, fillCustomerContact, type VerifiedIdentity } from "../customers/customers.js";
import type { Transaction } from "../db/client.js";
import { AppError, invalidField, notFound } from "../errors.js";
import { chatOffered, type ServiceWithTexts, textsFor } from "../services/services.js";
import type { deviceOf } from "./device.js";
import { publishChatChange, publishMessage } from "./events.js";
import { type NewMessage, writableBy } from "./message-writer.js";
import { presentMessage } from "./present.js";
import { heldChats } from "./queries.js";
import { mayQueue } from "./queue.js";
import { assignmentRules } from "./rules.js";
import { type ChatRow, chats, messages } from "./schema.js";

export interface ChatRequest {
  service: ServiceWithTexts;
  /** A returning customer of this service, from their token. */
  customerId: string | null;
  /** The user the company's site vouched for (required on a login-only service). */
  identity: VerifiedIdentity | null;
  /** The name and email the customer gave before the chat (or the page prefilled). */
  contact: { name?: string; email?: string } | null;
  channel: Channel;
  pageUrl: string | null;
  /** The customer's language; the service's default when not given. */
  language: Language | null;
  ipAddress: string | null;
  device: ReturnType<typeof deviceOf>;
}

/**
 * A customer asks for a chat: in one transaction the customer (new or returning) is recorded, an
 * operator assigned (or, when every online operator is at their limit, the chat queued) and the
 * greeting, in the customer's language, stored as message 1. Nothing is stored when nobody is
 * online or the queue is full.
 */
export async function requestChat(context: AppContext, request: ChatRequest): Promise<ChatSummary> {
  const { service } = request;
  if (service.loginRequired && !request.identity) {
    throw new AppError(
      "identity_required",
      403,
      "this service offers chat to logged-in users only: the site must sign the user's identity",
      "identity",
    );
  }
  requirePrechatFields(service, request);
  const language = request.language ?? service.defaultLanguage;
  const { chatId, greeting } = await context.db.transaction(async (tx) => {
    const offered = await chatOffered(tx, service.id);
    if (offered === "archived") {
      throw new AppError("service_archived", 410, "this service is archived: it offers no chat");
    }
    if (offered === "disabled") {
      throw new AppError("chat_disabled", 403, "chat is not enabled for this service");
    }
    if (offered === "closed") {
      throw new AppError(
        "outside_business_hours",
        409,
        "the service is outside its business hours",
      );
    }
    const customer = await customerFor(tx, service.id, request);
    if (request.contact) {
      const { name = "", email = "" } = request.contact;
      await fillCustomerContact(tx, customer.id, { name, email });
    }
    const operatorId = await assignOperator(tx, context.presence, {
      ...assignmentRules(service),
      preferredOperatorId: service.preferRecentOperator
        ? await recentOperatorOf(tx, customer.id)
        : null,
      held: heldChats,
    });
    const queued = !operatorId && (await mayQueue(context, tx, service));
    if (!operatorId && !queued) {
      throw new AppError("no_operator_available", 409, "no operator is available right now");
    }
    const now = new Date();
    const [chat] = await tx
      .insert(chats)
      .values({
        serviceId: service.id,
        customerId: customer.id,
        operatorId,
        state: operatorId ? "waiting" : "queued",
        channel: request.channel,
        pageUrl: request.pageUrl,
        language,
        ipAddress: request.ipAddress,
        ...request.device,
        consentedAt: now,
        requestedAt: now,
      })
      .returning();
    if (!chat) throw new Error("insert returned no chat");
    if (operatorId) {
      await recordAssignment(tx, {
        chatId: chat.id,
        customerId: customer.id,
        operatorId,
        reason: "requested",
      });
    }
    const texts = textsFor(service, language);
    const greeting = texts.greeting
      ? await storeMessage(tx, chat, { author: "system", event: "greeting", body: texts.greeting })
      : null;
    return { chatId: chat.id, greeting };
  });
  const summary = await publishChatChange(context, chatId);
  if (greeting) await publishMessage(context, presentMessage(greeting, null));
  return summary;
}

/** The service's pre-chat fields: each one it asks for must come (a site's vouched-for user's
 *  own name or email counts). */
function requirePrechatFields(service: ServiceWithTexts, request: ChatRequest): void {
  const asked = [
    [service.askName, "name"],
    [service.askEmail, "email"],
  ] as const;
  for (const [ask, field] of asked) {
    if (ask && !request.contact?.[field] && !request.identity?.[field]) {
      throw invalidField(
        { field: `customer.${field}`, reason: "required" },
        `the service asks for the customer's ${field} before a chat`,
      );
    }
  }
}

/** Whether a chat requested now would find an operator or a place in the queue (else the
 *  widget's no-operator popup). */
export async function operatorAvailable(
  context: AppContext,
  service: ServiceWithTexts,
): Promise<boolean> {
  const rules = { ...assignmentRules(service), held: heldChats };
  return (
    (await hasAvailableOperator(context.db, context.presence, rules)) ||
    (await mayQueue(context, context.db, service))
  );
}

/** Locks the chat row for the rest of the transaction: the lock orders everything that writes to
 *  one chat, across processes. */
export async function lockChat(tx: Transaction, chatId: string): Promise<ChatRow> {
  const [chat] = await tx.select().from(chats).where(eq(chats.id, chatId)).for("update");
  if (!chat) throw notFound("chat_not_found", "this chat");
  return chat;
}

/** Appends a message to a chat whose row the transaction has locked; returns the stored row. */
export async function storeMessage(
  tx: Transaction,
  chat: ChatRow,
  values: {
    author: "customer" | "operator" | "system";
    body: string;
    clientId?: string;
    operatorId?: string | null;
    event?: SystemEvent;
    attachment?: Attachment;
  },
) {
  const seq = chat.lastSeq + 1;
  const [row] = await tx
    .insert(messages)
    .values({ chatId: chat.id, seq, ...values })
    .returning();
  if (!row) throw new Error("insert returned no message");
  await tx.update(chats).set({ lastSeq: seq }).where(eq(chats.id, chat.id));
  chat.lastSeq = seq;
  return row;
}

/**
 * Stores a message with the chat's next sequence number and returns it once committed (through
 * the group commit of message-writer.ts). A message whose clientId its sender already used in the
 * chat is returned as stored, and nothing new is written.
 */
export async function appendMessage(
  context: AppContext,
  input: NewMessage,
  /** The author's display name as the reader should see it (the operator's; null for customers). */
  authorName: string | null,
): Promise<{ message: Message; created: boolean }> {
  const written = await context.messageWriter.write(input);
  const message = presentMessage(written.row, authorName);
  if (written.created) await publishStoredMessage(context, message, written.firstReply);
  return { message, created: written.created };
}

/**
 * A file sent as a message, in the upload's transaction (server/attachments), outside the group
 * commit that text messages take: the chat's row is locked, the author must still be able to
 * write, and the message counts as a text message would (the customer's activity, the operator's
 * first reply). A client id its sender already used answers the message stored then.
 */
export async function storeFileMessage(
  tx: Transaction,
  chatId: string,
  values: {
    author: "customer" | "operator";
    operatorId: string | null;
    clientId: string;
    attachment: Attachment;
  },
): Promise<{ row: typeof messages.$inferSelect; created: boolean; firstReply: boolean }> {
  const chat = await lockChat(tx, chatId);
  const [existing] = await tx
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.chatId, chatId),
        eq(messages.clientId, values.clientId),
        values.operatorId === null
          ? isNull(messages.operatorId)
          : eq(messages.operatorId, values.operatorId),
      ),
    );
  if (existing) return { row: existing, created: false, firstReply: false };
  if (!writableBy(chat, values.author)) {
    throw new AppError("chat_closed", 409, "this chat has ended");
  }
  const firstReply = values.author === "operator" && chat.firstReplyAt === null;
  const row = await storeMessage(tx, chat, { ...values, body: values.attachment.name });
  await tx
    .update(chats)
    .set(
      values.author === "customer"
        ? { customerActiveAt: sql`now()` }
        : { firstReplyAt: sql`coalesce(${chats.firstReplyAt}, now())` },
    )
    .where(eq(chats.id, chatId));
  return { row, created: true, firstReply };
}

/** Tells the chat's followers of a committed message; the first reply makes the chat processed,
 *  which the operator's list shows. */
export async function publishStoredMessage(
  context: AppContext,
  message: Message,
  firstReply: boolean,
): Promise<void> {
  await publishMessage(context, message);
  if (firstReply) await publishChatChange(context, message.chatId);
}
