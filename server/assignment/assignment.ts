/**
 * Who gets a chat (ARCHITECTURE.md, "Assignment"): members of the service with chat permission,
 * online, with a live console, under their concurrent-chat limit; the customer's most recent
 * operator first when the service prefers it; otherwise the fewest open chats, ties to the one
 * idle longest.
 */
import { and, asc, desc, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { Database, Transaction } from "../db/client.js";
import { chats, memberships, operators, settings } from "../db/schema.js";
import type { Presence } from "../presence/presence.js";

/** How many chats in progress one operator may hold, unless the chatLimit setting says. */
export const DEFAULT_CHAT_LIMIT = 5;

/** States that count against an operator's limit. */
export const openStates = ["waiting", "active"] as const;

/** SQL, in a query over `operators`: how many chats that operator holds against their limit
 *  (names qualified by hand, as in Presence.connected). */
export const openChats = sql<number>`(
  select count(*)::int from ${chats} held
  where held.operator_id = "operators"."id" and held.state in ('waiting', 'active')
)`;

const chatLimitOf = sql<number>`coalesce(
  ${operators.chatLimit},
  (select (${settings.value} #>> '{}')::int from ${settings} where ${settings.key} = 'chatLimit'),
  ${DEFAULT_CHAT_LIMIT}
)`;

export interface AssignmentRequest {
  serviceId: string;
  /** The customer's most recent operator is preferred when the service says so. */
  preferredOperatorId: string | null;
  /** An operator who must not get it (the one it is taken from). */
  excludeOperatorId?: string;
}

/** In a query over operators joined to memberships: members of the service with chat
 *  permission, online, with a live console. */
export function onlineMembersOf(presence: Presence, serviceId: string) {
  return and(
    eq(memberships.serviceId, serviceId),
    eq(memberships.chatPermission, true),
    eq(operators.status, "online"),
    presence.connected(),
  );
}

/** Candidates, the fewest open chats first, then the one idle longest; each says whether their
 *  console is live. */
function candidates(db: Database, presence: Presence, request: AssignmentRequest) {
  return db
    .select({ id: operators.id, live: presence.live().mapWith(Boolean) })
    .from(operators)
    .innerJoin(memberships, eq(memberships.operatorId, operators.id))
    .where(
      and(
        onlineMembersOf(presence, request.serviceId),
        sql`${openChats} < ${chatLimitOf}`,
        request.excludeOperatorId ? ne(operators.id, request.excludeOperatorId) : undefined,
      ),
    )
    .orderBy(asc(openChats), asc(operators.idleSince));
}

/**
 * Picks the operator for a chat inside the chat's transaction, or null when nobody can take it.
 * Assignments of one service take turns (an advisory lock), so concurrent requests see each
 * other's choices and spread evenly; the chosen operator's row lock and a recount keep their limit
 * even against assignments of their other services.
 */
export async function assignOperator(
  tx: Transaction,
  presence: Presence,
  request: AssignmentRequest,
): Promise<string | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`assign:${request.serviceId}`}))`);
  const ranked = await candidates(tx, presence, request);
  // An operator whose console is only within its grace period (reloading, or on a process that
  // died) gets a chat only when no one with a live console can take it; the customer's previous
  // operator goes first only when live.
  const live = ranked.filter((candidate) => candidate.live);
  const preferred = live.filter((candidate) => candidate.id === request.preferredOperatorId);
  const order = [
    ...preferred,
    ...live.filter((candidate) => candidate.id !== request.preferredOperatorId),
    ...ranked.filter((candidate) => !candidate.live),
  ].map((candidate) => candidate.id);
  for (const operatorId of order) {
    const [locked] = await tx
      .select({ openChats, limit: chatLimitOf })
      .from(operators)
      .where(eq(operators.id, operatorId))
      .for("update");
    if (locked && locked.openChats < locked.limit) {
      await tx.update(operators).set({ idleSince: new Date() }).where(eq(operators.id, operatorId));
      return operatorId;
    }
  }
  return null;
}

/** Whether a chat requested now would find an operator (the widget's no-operator popup). */
export async function hasAvailableOperator(
  db: Database,
  presence: Presence,
  serviceId: string,
): Promise<boolean> {
  const [candidate] = await candidates(db, presence, {
    serviceId,
    preferredOperatorId: null,
  }).limit(1);
  return Boolean(candidate);
}

/** Who a chat of the service can be transferred to: its online members but the one holding it. */
export function transferTargets(
  db: Database,
  presence: Presence,
  serviceId: string,
  holderId: string | null,
) {
  return db
    .select({ id: operators.id, name: operators.name })
    .from(operators)
    .innerJoin(memberships, eq(memberships.operatorId, operators.id))
    .where(
      and(onlineMembersOf(presence, serviceId), holderId ? ne(operators.id, holderId) : undefined),
    )
    .orderBy(asc(operators.name));
}

/** The operator of the customer's most recent chat, if any. */
export async function recentOperatorOf(db: Database, customerId: string): Promise<string | null> {
  const [recent] = await db
    .select({ operatorId: chats.operatorId })
    .from(chats)
    .where(and(eq(chats.customerId, customerId), isNotNull(chats.operatorId)))
    .orderBy(desc(chats.requestedAt))
    .limit(1);
  return recent?.operatorId ?? null;
}
