/**
 * The service's queue (ARCHITECTURE.md, "Assignment", 4): a chat requested while operators are
 * online but every one is at their limit waits, `queued` and without an operator, instead of
 * being refused. The first free slot takes the oldest queued chat of the operator's services; the
 * database decides, under the service's assignment turn and the chat's row lock, so that two
 * processes never hand one chat out twice. Free slots come from a chat ending, a transfer, an
 * operator coming online or connecting, a limit raised, a membership added, a reactivation: each
 * of them calls `serveQueues`, and the sweep does too, for a slot whose news was lost. The
 * message path never touches the queue.
 */
import { and, asc, eq, lt, min, sql } from "drizzle-orm";
import { queuedState } from "../../shared/domain.js";
import {
  assignOperator,
  recentOperatorOf,
  recordAssignment,
  takeAssignmentTurn,
} from "../assignment/assignment.js";
import { topics } from "../bus/bus.js";
import type { AppContext } from "../context.js";
import type { Database } from "../db/client.js";
import { onlineMembers } from "../operators/operators.js";
import { queueTimeoutOf, type ServiceWithTexts } from "../services/services.js";
import { publishChatChange } from "./events.js";
import { heldChats } from "./queries.js";
import { assignmentRules } from "./rules.js";
import { chats } from "./schema.js";

const inQueue = (serviceId: string) =>
  and(eq(chats.serviceId, serviceId), eq(chats.state, queuedState));

/**
 * Whether a request nobody could take now may wait in the queue, decided inside the request's
 * transaction after assignment found no one (so under the service's assignment turn, which
 * orders every request and every serving of its queue): someone is online to serve it later, and
 * the queue is shorter than the service allows.
 */
export async function mayQueue(
  context: AppContext,
  tx: Database,
  service: ServiceWithTexts,
): Promise<boolean> {
  if (service.maxQueueLength === 0) return false;
  const online = await onlineMembers(tx, context.presence, {
    ...assignmentRules(service),
    held: heldChats,
  });
  if (online.length === 0) return false;
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(chats)
    .where(inQueue(service.id));
  return (row?.count ?? 0) < service.maxQueueLength;
}

/** The chat's place in its service's queue (1: next), or null when it is not queued. */
export async function queuePosition(db: Database, chatId: string): Promise<number | null> {
  const [chat] = await db
    .select({ serviceId: chats.serviceId, requestedAt: chats.requestedAt })
    .from(chats)
    .where(and(eq(chats.id, chatId), eq(chats.state, queuedState)));
  if (!chat) return null;
  const [row] = await db
    .select({ ahead: sql<number>`count(*)::int` })
    .from(chats)
    .where(
      and(
        inQueue(chat.serviceId),
        sql`(${chats.requestedAt}, ${chats.id}) <= (${chat.requestedAt}, ${chatId}::uuid)`,
      ),
    );
  return row?.ahead ?? null;
}

/** Tells every customer in the service's queue their place, after the queue changed. */
export async function publishQueuePositions(context: AppContext, serviceId: string) {
  const queued = await context.db
    .select({ id: chats.id })
    .from(chats)
    .where(inQueue(serviceId))
    .orderBy(asc(chats.requestedAt), asc(chats.id));
  for (const [index, { id }] of queued.entries()) {
    await context.bus
      .publish(topics.chat(id), { type: "queue.position", chatId: id, position: index + 1 })
      .catch((error) => context.log.error({ err: error }, "bus publish failed"));
  }
}

/** Serves every service that has a queue, the one waiting longest first: a free slot of an
 *  operator of several services goes to the oldest chat among them. */
export async function serveQueues(context: AppContext): Promise<number> {
  const queues = await context.db
    .select({ serviceId: chats.serviceId })
    .from(chats)
    .where(eq(chats.state, queuedState))
    .groupBy(chats.serviceId)
    .orderBy(asc(min(chats.requestedAt)));
  let served = 0;
  for (const { serviceId } of queues) served += await serveQueue(context, serviceId);
  return served;
}

/** Gives the service's queued chats, oldest first, to operators with a free slot, one
 *  transaction each, until the queue is empty or nobody can take the next. */
async function serveQueue(context: AppContext, serviceId: string): Promise<number> {
  const service = await context.services.get(serviceId);
  if (!service) return 0;
  let served = 0;
  for (;;) {
    const chatId = await context.db.transaction(async (tx) => {
      await takeAssignmentTurn(tx, serviceId);
      // A queued chat whose customer is leaving right now (its row locked) is passed over.
      const [chat] = await tx
        .select()
        .from(chats)
        .where(inQueue(serviceId))
        .orderBy(asc(chats.requestedAt), asc(chats.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!chat) return null;
      const operatorId = await assignOperator(tx, context.presence, {
        ...assignmentRules(service),
        preferredOperatorId: service.preferRecentOperator
          ? await recentOperatorOf(tx, chat.customerId)
          : null,
        held: heldChats,
      });
      if (!operatorId) return null;
      await tx.update(chats).set({ operatorId, state: "waiting" }).where(eq(chats.id, chat.id));
      await recordAssignment(tx, {
        chatId: chat.id,
        customerId: chat.customerId,
        operatorId,
        reason: "requested",
      });
      return chat.id;
    });
    if (!chatId) break;
    served++;
    await publishChatChange(context, chatId);
  }
  if (served > 0) await publishQueuePositions(context, serviceId);
  return served;
}

/** Queued chats past their service's queue timeout (each re-checked under its lock by `end`). */
export function overdueQueuedChats(db: Database) {
  const since = sql`${new Date()}::timestamptz - ${queueTimeoutOf(chats.serviceId)} * interval '1 millisecond'`;
  return db
    .select({ id: chats.id, serviceId: chats.serviceId })
    .from(chats)
    .where(and(eq(chats.state, queuedState), lt(chats.requestedAt, since)));
}
