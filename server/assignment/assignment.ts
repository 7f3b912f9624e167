import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "../db/client.js";
import { chats, memberships, operators } from "../db/schema.js";

/** How many chats in progress one operator may hold at once. */
export const DEFAULT_CHAT_LIMIT = 5;

const openStates = ["waiting", "active"] as const;

function candidates(db: Database, serviceId: string) {
  const openChats = sql<number>`(
    select count(*)::int from ${chats}
    where ${chats.operatorId} = ${operators.id} and ${inArray(chats.state, [...openStates])}
  )`;
  return db
    .select({ id: operators.id })
    .from(operators)
    .innerJoin(memberships, eq(memberships.operatorId, operators.id))
    .where(
      and(
        eq(memberships.serviceId, serviceId),
        eq(memberships.chatPermission, true),
        eq(operators.status, "online"),
        sql`${openChats} < ${DEFAULT_CHAT_LIMIT}`,
      ),
    )
    .orderBy(asc(openChats), asc(operators.idleSince))
    .limit(1);
}

/**
 * Picks the operator for a new chat of a service, inside the chat's transaction: online members
 * with chat permission under their limit; the one with the fewest open chats, ties to the one idle
 * longest. Returns null when nobody can take it. The chosen operator's idle time is reset, so the
 * next request prefers someone else.
 */
export async function assignOperator(tx: Transaction, serviceId: string): Promise<string | null> {
  const [candidate] = await candidates(tx, serviceId);
  if (!candidate) return null;
  await tx.update(operators).set({ idleSince: new Date() }).where(eq(operators.id, candidate.id));
  return candidate.id;
}

/** Whether a chat requested now would find an operator (the widget's no-operator popup). */
export async function hasAvailableOperator(db: Database, serviceId: string): Promise<boolean> {
  const [candidate] = await candidates(db, serviceId);
  return Boolean(candidate);
}
