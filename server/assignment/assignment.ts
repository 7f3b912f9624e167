/**
 * Who gets a chat (ARCHITECTURE.md, "Assignment"): members of the service with chat permission,
 * online, with a live console, under their concurrent-chat limit (their own when they have one,
 * else the service's: the chats they hold in every service count); the customer's most recent
 * operator first when the service prefers it; otherwise the fewest open chats, ties to the one
 * idle longest. Every assignment is recorded, with its reason.
 */
import { desc, eq, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { AssignmentReason } from "../../shared/domain.js";
import type { Database, Transaction } from "../db/client.js";
import { anyOf } from "../db/columns.js";
import {
  lockOperatorLoad,
  markAssigned,
  type OnlineMember,
  onlineMembers,
} from "../operators/operators.js";
import type { Presence } from "../presence/presence.js";
import { chatAssignments } from "./schema.js";

export interface AssignmentRequest {
  serviceId: string;
  /** The service's concurrent-chat limit: an operator's own limit, when set, goes first. */
  chatLimit: number;
  /** The service's reassignment grace period. */
  graceMs: number;
  /** The customer's most recent operator is preferred when the service says so. */
  preferredOperatorId: string | null;
  /** An operator who must not get it (the one it is taken from). */
  excludeOperatorId?: string | null;
  /** SQL, in a query over operators: how many chats that operator holds against their limit.
   *  chats/ owns chats and gives it. */
  held: SQL<number>;
}

const underLimit = (member: Pick<OnlineMember, "held" | "chatLimit">, fallback: number) =>
  member.held < (member.chatLimit ?? fallback);

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
  await takeAssignmentTurn(tx, request.serviceId);
  const limit = request.chatLimit;
  const ranked = (await onlineMembers(tx, presence, request)).filter((member) =>
    underLimit(member, limit),
  );
  // An operator whose console is only within its grace period (reloading, or on a process that
  // died) gets a chat only when no one with a live console can take it; the customer's previous
  // operator goes first only when live.
  const live = ranked.filter((member) => member.live);
  const preferred = live.filter((member) => member.id === request.preferredOperatorId);
  const order = [
    ...preferred,
    ...live.filter((member) => member.id !== request.preferredOperatorId),
    ...ranked.filter((member) => !member.live),
  ];
  for (const { id } of order) {
    const locked = await lockOperatorLoad(tx, id, request.held);
    if (locked && underLimit(locked, limit)) {
      await markAssigned(tx, id);
      return id;
    }
  }
  return null;
}

/** Waits for the service's assignments to be this transaction's alone, until it ends (taking it
 *  again in the same transaction is free). The queue's length and order are decided under it. */
export async function takeAssignmentTurn(tx: Transaction, serviceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`assign:${serviceId}`}))`);
}

/** Whether a chat requested now would find an operator (the widget's no-operator popup). */
export async function hasAvailableOperator(
  db: Database,
  presence: Presence,
  request: Pick<AssignmentRequest, "serviceId" | "chatLimit" | "graceMs" | "held">,
): Promise<boolean> {
  const members = await onlineMembers(db, presence, request);
  return members.some((member) => underLimit(member, request.chatLimit));
}

/** Records who holds a chat from now on, and why. */
export async function recordAssignment(
  tx: Transaction,
  record: {
    chatId: string;
    customerId: string;
    operatorId: string;
    fromOperatorId?: string | null;
    reason: AssignmentReason;
  },
): Promise<void> {
  await tx.insert(chatAssignments).values(record);
}

/** The operator the customer was most recently assigned to, if any. */
export async function recentOperatorOf(db: Database, customerId: string): Promise<string | null> {
  const [recent] = await db
    .select({ operatorId: chatAssignments.operatorId })
    .from(chatAssignments)
    .where(eq(chatAssignments.customerId, customerId))
    .orderBy(desc(chatAssignments.assignedAt))
    .limit(1);
  return recent?.operatorId ?? null;
}

/** A chat's assignments, oldest first. */
export function assignmentsOf(db: Database, chatId: string) {
  return db
    .select()
    .from(chatAssignments)
    .where(eq(chatAssignments.chatId, chatId))
    .orderBy(chatAssignments.assignedAt, chatAssignments.id);
}

/** SQL: the chat whose id the column holds was held by the operator at some time. */
export function heldBy(chatId: SQLWrapper, operatorId: string): SQL<boolean> {
  return sql<boolean>`exists (
    select 1 from ${chatAssignments}
    where ${chatAssignments.chatId} = ${chatId} and ${chatAssignments.operatorId} = ${operatorId}
  )`;
}

/** Who held each chat, in the order they took it, each operator once. */
export async function holdersOf(db: Database, chatIds: string[]): Promise<Map<string, string[]>> {
  const holders = new Map<string, string[]>();
  if (chatIds.length === 0) return holders;
  const rows = await db
    .select({ chatId: chatAssignments.chatId, operatorId: chatAssignments.operatorId })
    .from(chatAssignments)
    .where(anyOf(chatAssignments.chatId, chatIds))
    .orderBy(chatAssignments.assignedAt, chatAssignments.id);
  for (const row of rows) {
    const held = holders.get(row.chatId) ?? [];
    if (!held.includes(row.operatorId)) held.push(row.operatorId);
    holders.set(row.chatId, held);
  }
  return holders;
}

/** SQL: who held the chat whose id the column holds at a moment (the last assignment up to it;
 *  a null moment: who holds it last), null when nobody had it by then. Statistics credit each
 *  event to that operator. */
export function holderAt(chatId: SQLWrapper, at: SQLWrapper): SQL<string | null> {
  return sql<string | null>`(
    select ${chatAssignments.operatorId} from ${chatAssignments}
    where ${chatAssignments.chatId} = ${chatId}
      and ${chatAssignments.assignedAt} <= coalesce(${at}, 'infinity'::timestamptz)
    order by ${chatAssignments.assignedAt} desc, ${chatAssignments.id} desc
    limit 1
  )`;
}

/** SQL: a set of the operators who held the chat whose id the column holds, each once (for a
 *  lateral join). */
export function operatorsWhoHeld(chatId: SQLWrapper): SQL {
  return sql`(
    select distinct ${chatAssignments.operatorId} as operator_id from ${chatAssignments}
    where ${chatAssignments.chatId} = ${chatId}
  )`;
}
