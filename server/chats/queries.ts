/** Reading chats and transcripts. */
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { ChatStateUpdate, ChatSummary, Message } from "../../shared/chat.js";
import type { Database } from "../db/client.js";
import { chats, customers, messages, operators, services } from "../db/schema.js";
import { presentChat, presentMessage, presentStateUpdate } from "./present.js";

export type ChatRow = typeof chats.$inferSelect;

/** States in which a chat is still in the operator's live workspace. */
export const liveStates = ["waiting", "active", "ended_by_customer"] as const;

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

export async function operatorName(db: Database, operatorId: string): Promise<string | null> {
  const [operator] = await db
    .select({ name: operators.name })
    .from(operators)
    .where(eq(operators.id, operatorId));
  return operator?.name ?? null;
}

/** Both sides' view of the chat's state now. */
export async function chatStateUpdate(
  db: Database,
  chatId: string,
): Promise<ChatStateUpdate | null> {
  const [row] = await db
    .select({ chat: chats, operatorName: operators.name })
    .from(chats)
    .leftJoin(operators, eq(operators.id, chats.operatorId))
    .where(eq(chats.id, chatId));
  return row ? presentStateUpdate(row.chat, row.operatorName) : null;
}
