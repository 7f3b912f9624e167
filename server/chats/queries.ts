/** Reading chats and transcripts. */
import { and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import type { ChatStateUpdate, ChatSummary, Message } from "../../shared/chat.js";
import { heldStates, liveStates } from "../../shared/domain.js";
import { findCustomers } from "../customers/customers.js";
import type { Database } from "../db/client.js";
import { notFound } from "../errors.js";
import type { OperatorRow } from "../operators/operators.js";
import { operatorNameOf } from "../operators/operators.js";
import { isMemberOf, serviceNames } from "../services/services.js";
import { ticketsOfChats } from "../tickets/tickets.js";
import { type Actor, mayActOnLiveChat, mayViewRecord } from "./policy.js";
import { presentChat, presentMessage, presentStateUpdate } from "./present.js";
import type { ChatRow } from "./schema.js";
import { chats, messages } from "./schema.js";

export type { ChatRow };

/** SQL, in a query over `operators`: how many chats that operator holds against their limit
 *  (names qualified by hand, as in Presence.connected). */
export const heldChats = sql<number>`(
  select count(*)::int from ${chats} held
  where held.operator_id = "operators"."id" and held.state in (${sql.join(
    heldStates.map((state) => sql`${state}`),
    sql`, `,
  )})
)`;

export async function findChat(db: Database, chatId: string): Promise<ChatRow | null> {
  const [row] = await db.select().from(chats).where(eq(chats.id, chatId));
  return row ?? null;
}

/** The chat, when the actor is one of its live parties; otherwise chat_not_found, never
 *  "forbidden", so that nobody learns which chat ids exist. */
export async function chatOfParty(db: Database, actor: Actor, chatId: string): Promise<ChatRow> {
  const chat = await findChat(db, chatId);
  if (!chat || !mayActOnLiveChat(actor, chat)) throw notFound("chat_not_found", "this chat");
  return chat;
}

/** The chat, when the operator may view and edit its record (members of its service,
 *  administrators), live or ended; otherwise chat_not_found, as for a live chat. */
export async function chatRecordOf(
  db: Database,
  operator: OperatorRow,
  chatId: string,
): Promise<ChatRow> {
  const chat = await findChat(db, chatId);
  const memberOf =
    chat && (await isMemberOf(db, operator.id, chat.serviceId)) ? [chat.serviceId] : [];
  if (!chat || !mayViewRecord(operator, chat, memberOf))
    throw notFound("chat_not_found", "this chat");
  return chat;
}

async function summaries(db: Database, where: SQL | undefined): Promise<ChatSummary[]> {
  const rows = await db.select().from(chats).where(where).orderBy(asc(chats.requestedAt));
  const [customers, names, tickets] = await Promise.all([
    findCustomers(db, [...new Set(rows.map((chat) => chat.customerId))]),
    serviceNames(db, [...new Set(rows.map((chat) => chat.serviceId))]),
    ticketsOfChats(
      db,
      rows.map((chat) => chat.id),
    ),
  ]);
  const customerById = new Map(customers.map((customer) => [customer.id, customer]));
  return rows.flatMap((chat) => {
    const customer = customerById.get(chat.customerId);
    if (!customer) return [];
    const ticket = tickets.get(chat.id) ?? null;
    return [presentChat(chat, customer, names.get(chat.serviceId) ?? "", ticket)];
  });
}

export async function chatSummary(db: Database, chatId: string): Promise<ChatSummary | null> {
  const [summary] = await summaries(db, eq(chats.id, chatId));
  return summary ?? null;
}

/** The operator's chats that are still in the live workspace, oldest request first. */
export function liveChatsOf(db: Database, operatorId: string): Promise<ChatSummary[]> {
  return summaries(db, and(eq(chats.operatorId, operatorId), inArray(chats.state, liveStates)));
}

/** The chat's messages after a sequence number, in order. */
export async function messagesAfter(
  db: Database,
  chatId: string,
  afterSeq: number,
  limit = 500,
): Promise<Message[]> {
  const rows = await db
    .select({ message: messages, operatorName: operatorNameOf(messages.operatorId) })
    .from(messages)
    .where(and(eq(messages.chatId, chatId), gt(messages.seq, afterSeq)))
    .orderBy(asc(messages.seq))
    .limit(limit);
  return rows.map((row) => presentMessage(row.message, row.operatorName));
}

/** The first message the customer wrote in the chat, or null before they wrote one. */
export async function firstCustomerMessage(db: Database, chatId: string): Promise<string | null> {
  const [row] = await db
    .select({ body: messages.body })
    .from(messages)
    .where(and(eq(messages.chatId, chatId), eq(messages.author, "customer")))
    .orderBy(asc(messages.seq))
    .limit(1);
  return row?.body ?? null;
}

/** Both sides' view of the chat's state now. */
export async function chatStateUpdate(
  db: Database,
  chatId: string,
): Promise<ChatStateUpdate | null> {
  const [row] = await db
    .select({ chat: chats, operatorName: operatorNameOf(chats.operatorId) })
    .from(chats)
    .where(eq(chats.id, chatId));
  return row ? presentStateUpdate(row.chat, row.operatorName) : null;
}
