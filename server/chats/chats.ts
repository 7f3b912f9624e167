/** The chat's life so far: request, opening, and the transcript with its sequence numbers. */
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { ChatSummary, Message } from "../../shared/chat.js";
import { assignOperator } from "../assignment/assignment.js";
import { topics } from "../bus/bus.js";
import type { AppContext } from "../context.js";
import type { Database, Transaction } from "../db/client.js";
import { chats, customers, messages, operators, services } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import type { ServiceRow } from "../services/services.js";
import { type MessageRow, presentChat, presentMessage } from "./present.js";

export type ChatRow = typeof chats.$inferSelect;

/** States in which a chat is still in the operator's live workspace. */
export const liveStates = ["waiting", "active", "ended_by_customer"] as const;

export interface ChatRequest {
  service: ServiceRow;
  /** A returning customer of this service, from their token. */
  customerId: string | null;
  channel: string;
  ipAddress: string | null;
  device: string | null;
}

/**
 * A customer asks for a chat: in one transaction the customer (new or returning) is recorded, an
 * operator assigned and the greeting stored as message 1. Nothing is stored when no operator can
 * take the chat.
 */
export async function requestChat(
  context: AppContext,
  request: ChatRequest,
): Promise<{ chat: ChatSummary; greeting: Message | null }> {
  const { service } = request;
  if (!service.chatEnabled) {
    throw new AppError("chat_disabled", 403, "chat is not enabled for this service");
  }
  const result = await context.db.transaction(async (tx) => {
    const operatorId = await assignOperator(tx, service.id);
    if (!operatorId) {
      throw new AppError("no_operator_available", 409, "no operator is available right now");
    }
    const customer = await customerFor(tx, service.id, request.customerId);
    const now = new Date();
    const [chat] = await tx
      .insert(chats)
      .values({
        serviceId: service.id,
        customerId: customer.id,
        operatorId,
        channel: request.channel,
        ipAddress: request.ipAddress,
        device: request.device,
        consentedAt: now,
        requestedAt: now,
        lastSeq: service.greeting ? 1 : 0,
      })
      .returning();
    if (!chat) throw new Error("insert returned no chat");
    let greeting: Message | null = null;
    if (service.greeting) {
      const [row] = await tx
        .insert(messages)
        .values({ chatId: chat.id, seq: 1, author: "system", body: service.greeting })
        .returning();
      if (row) greeting = presentMessage(row, null);
    }
    return { chat: presentChat(chat, customer, service.name), greeting };
  });
  await publishChat(context, result.chat);
  if (result.greeting) await publishMessage(context, result.greeting);
  return result;
}

async function customerFor(tx: Transaction, serviceId: string, customerId: string | null) {
  if (customerId) {
    const [known] = await tx
      .select()
      .from(customers)
      .where(and(eq(customers.id, customerId), eq(customers.serviceId, serviceId)));
    if (known) return known;
  }
  const [created] = await tx.insert(customers).values({ serviceId }).returning();
  if (!created) throw new Error("insert returned no customer");
  return created;
}

export interface NewMessage {
  chatId: string;
  clientId: string;
  body: string;
  author: "customer" | "operator";
  operatorId: string | null;
}

/**
 * Stores a message with the chat's next sequence number and returns it once committed. The chat
 * row's lock orders concurrent senders; a message whose clientId the chat already has is returned
 * as stored, and nothing new is written.
 */
export async function appendMessage(
  context: AppContext,
  input: NewMessage,
): Promise<{ message: Message; created: boolean }> {
  const outcome = await context.db.transaction(async (tx) => {
    const [chat] = await tx.select().from(chats).where(eq(chats.id, input.chatId)).for("update");
    if (!chat) throw notFound("chat_not_found", "this chat");
    const [existing] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.chatId, input.chatId), eq(messages.clientId, input.clientId)));
    if (existing) return { row: existing, created: false };
    // The customer's side closes when they end the chat; the operator's when the operator does.
    const writable = input.author === "customer" ? liveStates.slice(0, 2) : liveStates;
    if (!(writable as readonly string[]).includes(chat.state)) {
      throw new AppError("chat_closed", 409, "this chat has ended");
    }
    const seq = chat.lastSeq + 1;
    const [row] = await tx
      .insert(messages)
      .values({ ...input, seq })
      .returning();
    if (!row) throw new Error("insert returned no message");
    const firstReply = input.author === "operator" && !chat.firstReplyAt;
    await tx
      .update(chats)
      .set({ lastSeq: seq, ...(firstReply ? { firstReplyAt: row.createdAt } : {}) })
      .where(eq(chats.id, chat.id));
    return { row, created: true };
  });
  const message = presentMessage(outcome.row, await authorName(context.db, outcome.row));
  if (outcome.created) await publishMessage(context, message);
  return { message, created: outcome.created };
}

async function authorName(db: Database, row: MessageRow): Promise<string | null> {
  if (!row.operatorId) return null;
  const [operator] = await db
    .select({ name: operators.name })
    .from(operators)
    .where(eq(operators.id, row.operatorId));
  return operator?.name ?? null;
}

/** The chat's messages after a sequence number, in order. */
export async function messagesAfter(
  db: Database,
  chatId: string,
  afterSeq: number,
  limit = 500,
): Promise<Message[]> {
  const rows = await db
    .select({ message: messages, operatorName: operators.name })
    .from(messages)
    .leftJoin(operators, eq(operators.id, messages.operatorId))
    .where(and(eq(messages.chatId, chatId), gt(messages.seq, afterSeq)))
    .orderBy(asc(messages.seq))
    .limit(limit);
  return rows.map((row) => presentMessage(row.message, row.operatorName));
}

export async function findChat(db: Database, chatId: string): Promise<ChatRow | null> {
  const [row] = await db.select().from(chats).where(eq(chats.id, chatId));
  return row ?? null;
}

const summaryQuery = (db: Database) =>
  db
    .select({ chat: chats, customer: customers, serviceName: services.name })
    .from(chats)
    .innerJoin(customers, eq(customers.id, chats.customerId))
    .innerJoin(services, eq(services.id, chats.serviceId));

export async function chatSummary(db: Database, chatId: string): Promise<ChatSummary | null> {
  const [row] = await summaryQuery(db).where(eq(chats.id, chatId));
  return row ? presentChat(row.chat, row.customer, row.serviceName) : null;
}

/** The operator's chats that are still in the live workspace, oldest request first. */
export async function liveChatsOf(db: Database, operatorId: string): Promise<ChatSummary[]> {
  const rows = await summaryQuery(db)
    .where(and(eq(chats.operatorId, operatorId), inArray(chats.state, [...liveStates])))
    .orderBy(asc(chats.requestedAt));
  return rows.map((row) => presentChat(row.chat, row.customer, row.serviceName));
}

/** The operator clicked the chat in the waiting list: the first time counts for "processed". */
export async function openChat(context: AppContext, chatId: string): Promise<ChatSummary> {
  await context.db
    .update(chats)
    .set({ firstOpenedAt: new Date(), state: "active" })
    .where(and(eq(chats.id, chatId), isNull(chats.firstOpenedAt)));
  const chat = await chatSummary(context.db, chatId);
  if (!chat) throw notFound("chat_not_found", "this chat");
  await publishChat(context, chat);
  return chat;
}

/** Live delivery is best effort: what is committed stays committed even when the bus fails, and
 *  clients read it back when they resume. */
async function publishMessage(context: AppContext, message: Message): Promise<void> {
  await context.bus
    .publish(topics.chat(message.chatId), { type: "message", message })
    .catch((error) => context.log.error({ err: error }, "bus publish failed"));
}

async function publishChat(context: AppContext, chat: ChatSummary): Promise<void> {
  if (!chat.operatorId) return;
  await context.bus
    .publish(topics.operator(chat.operatorId), { type: "chat", chat })
    .catch((error) => context.log.error({ err: error }, "bus publish failed"));
}
