/**
 * Every transition of a chat after its request (docs/protocol.md, "Lifecycle"). Each is one
 * transaction on the locked chat row, then events on the bus.
 */
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { SystemEvent } from "../../shared/chat.js";
import {
  type AssignmentReason,
  type ChatState,
  customerWritableStates,
  heldStates,
  isHeld,
  isLive,
  liveStates,
  queuedState,
} from "../../shared/domain.js";
import { assignOperator, recordAssignment } from "../assignment/assignment.js";
import type { AppContext } from "../context.js";
import type { Database, Transaction } from "../db/client.js";
import { AppError } from "../errors.js";
import { isAvailable, onlineMembers, operatorName } from "../operators/operators.js";
import {
  customerIdleOf,
  reassignmentGraceOf,
  type ServiceWithTexts,
  textsFor,
} from "../services/services.js";
import { lockChat, storeMessage } from "./chats.js";
import { publishChatChange, publishEphemeral, publishMessage } from "./events.js";
import { type MessageRow, presentMessage } from "./present.js";
import { heldChats } from "./queries.js";
import { overdueQueuedChats, publishQueuePositions, serveQueues } from "./queue.js";
import { assignmentRules } from "./rules.js";
import { type ChatRow, chats } from "./schema.js";

/** A change returns the message it stored, nothing, or UNCHANGED when it found nothing to do. */
const UNCHANGED = Symbol("unchanged");
// biome-ignore lint/suspicious/noConfusingVoidType: a change that stores no message just returns
type Change = (tx: Transaction, chat: ChatRow) => Promise<MessageRow | typeof UNCHANGED | void>;

/** Runs a change on the locked chat, then tells both sides: the message it stored, if any, and
 *  the chat's new state. Returns whether anything changed. */
async function changeChat(context: AppContext, chatId: string, change: Change): Promise<boolean> {
  let previousOperatorId: string | null = null;
  const outcome = await context.db.transaction(async (tx) => {
    const chat = await lockChat(tx, chatId);
    previousOperatorId = chat.operatorId;
    return change(tx, chat);
  });
  if (outcome === UNCHANGED) return false;
  if (outcome) {
    const name = outcome.operatorId ? await operatorName(context.db, outcome.operatorId) : null;
    await publishMessage(context, presentMessage(outcome, name));
  }
  await publishChatChange(context, chatId, previousOperatorId);
  return true;
}

/** The chat's service; a chat's service is never deleted. */
async function serviceOf(context: AppContext, chat: Pick<ChatRow, "serviceId">) {
  const service = await context.services.get(chat.serviceId);
  if (!service) throw new Error(`service ${chat.serviceId} of a chat vanished`);
  return service;
}

/** The customer has been silent past their service's idle-customer timeout. */
const isIdle = (service: ServiceWithTexts, chat: ChatRow) =>
  chat.customerActiveAt.getTime() < Date.now() - service.customerIdleMs;

function requireState(chat: ChatRow, allowed: readonly ChatState[]): void {
  if (!allowed.includes(chat.state)) {
    throw new AppError("chat_closed", 409, `this chat is ${chat.state.replaceAll("_", " ")}`);
  }
}

/** The operator clicked the chat in the waiting list: the first time counts for "processed". */
export function openChat(context: AppContext, chatId: string) {
  return changeChat(context, chatId, async (tx, chat) => {
    if (chat.firstOpenedAt) return UNCHANGED;
    await tx
      .update(chats)
      .set({ firstOpenedAt: new Date(), state: chat.state === "waiting" ? "active" : chat.state })
      .where(eq(chats.id, chatId));
  });
}

/** The customer ends the chat (or is away too long): it stays in the operator's workspace,
 *  editable, until the operator ends it too. A queued chat the customer leaves closes at once,
 *  unprocessed; the customers behind learn their new place. Either frees a place. */
export async function endChatByCustomer(context: AppContext, chatId: string, idle = false) {
  let left: ChatRow | null = null;
  const changed = await changeChat(context, chatId, async (tx, chat) => {
    // An idle chat whose customer came back meanwhile, or that ended otherwise, stays as it is.
    if (idle && (!isHeld(chat.state) || !isIdle(await serviceOf(context, chat), chat))) {
      return UNCHANGED;
    }
    requireState(chat, customerWritableStates);
    if (chat.state === queuedState) {
      left = chat;
      return closeQueued(tx, chat, "customer_ended", "The customer left the queue.");
    }
    await tx
      .update(chats)
      .set({ state: "ended_by_customer", customerEndedAt: new Date() })
      .where(eq(chats.id, chatId));
    return storeMessage(tx, chat, {
      author: "system",
      event: idle ? "customer_idle" : "customer_ended",
      body: idle ? "The chat ended because the customer was away." : "The customer ended the chat.",
    });
  });
  if (left) await publishQueuePositions(context, (left as ChatRow).serviceId);
  else if (changed) await serveQueues(context);
  return changed;
}

/** A queued chat ends for good: nobody holds it, so there is no one to end it after the
 *  customer. It counts as unprocessed (never opened). */
async function closeQueued(tx: Transaction, chat: ChatRow, event: SystemEvent, body: string) {
  const now = new Date();
  await tx
    .update(chats)
    .set({ state: "closed", customerEndedAt: now, endedAt: now })
    .where(eq(chats.id, chat.id));
  return storeMessage(tx, chat, { author: "system", event, body });
}

/** Queued chats past their service's queue timeout end; each customer is told nobody could take
 *  the chat, and those behind learn their new place. */
export async function endOverdueQueuedChats(context: AppContext): Promise<number> {
  const overdue = await overdueQueuedChats(context.db);
  let ended = 0;
  const services = new Set<string>();
  for (const { id, serviceId } of overdue) {
    const changed = await changeChat(context, id, async (tx, chat) => {
      // Served or left meanwhile: nothing to end.
      if (chat.state !== queuedState) return UNCHANGED;
      return closeQueued(tx, chat, "queue_timeout", "Nobody could take the chat in time.");
    });
    if (changed) {
      ended++;
      services.add(serviceId);
    }
  }
  for (const serviceId of services) await publishQueuePositions(context, serviceId);
  return ended;
}

/** The operator ends the chat: closed for both sides, gone from the live workspace; a slot frees
 *  when the customer had not ended it already. */
export async function endChatByOperator(context: AppContext, chatId: string) {
  const changed = await changeChat(context, chatId, async (tx, chat) => {
    requireState(chat, liveStates);
    const now = new Date();
    await tx
      .update(chats)
      .set({ state: "closed", endedAt: now, customerEndedAt: chat.customerEndedAt ?? now })
      .where(eq(chats.id, chatId));
    return storeMessage(tx, chat, {
      author: "system",
      event: "operator_ended",
      body: "The operator ended the chat.",
    });
  });
  if (changed) await serveQueues(context);
  return changed;
}

/** The operator presses Rate: the satisfaction message arrives with the rating form. */
export function requestRating(context: AppContext, chatId: string) {
  return changeChat(context, chatId, async (tx, chat) => {
    requireState(chat, liveStates);
    const texts = textsFor(await serviceOf(context, chat), chat.language);
    return storeMessage(tx, chat, {
      author: "system",
      event: "rating_requested",
      body: texts.satisfactionMessage || "How satisfied are you with this chat?",
    });
  });
}

/** The customer rates, any time until the chat closes, and may change the rating until then. */
export function rateChat(context: AppContext, chatId: string, score: number, comment?: string) {
  return changeChat(context, chatId, async (tx, chat) => {
    requireState(chat, liveStates);
    await tx
      .update(chats)
      .set({ rating: score, ratingComment: comment?.trim() || null, ratedAt: new Date() })
      .where(eq(chats.id, chatId));
  });
}

/** One side has seen the chat up to `seq`; the other side learns it. Never goes backwards. */
export async function markRead(
  context: AppContext,
  chatId: string,
  role: "operator" | "customer",
  seq: number,
): Promise<void> {
  const column = role === "operator" ? chats.operatorReadSeq : chats.customerReadSeq;
  const [updated] = await context.db
    .update(chats)
    .set({
      [role === "operator" ? "operatorReadSeq" : "customerReadSeq"]:
        sql`least(greatest(${column}, ${seq}), ${chats.lastSeq})`,
      ...(role === "customer" ? { customerActiveAt: new Date() } : {}),
    })
    .where(eq(chats.id, chatId))
    .returning({ seq: column });
  if (updated) await publishEphemeral(context, { type: "read", chatId, role, seq: updated.seq });
}

/** The customer shows a sign of life without a message (typing): the idle clock restarts. */
export async function touchCustomer(context: AppContext, chatId: string): Promise<void> {
  await context.db.update(chats).set({ customerActiveAt: new Date() }).where(eq(chats.id, chatId));
}

/** The operator hands the chat to another operator of its service who is online and connected;
 *  their slot serves the queue. */
export async function transferChat(context: AppContext, chatId: string, toOperatorId: string) {
  const changed = await changeChat(context, chatId, async (tx, chat) => {
    requireState(chat, liveStates);
    if (chat.operatorId === toOperatorId) {
      throw new AppError("validation_failed", 400, "the chat is already theirs", "operatorId");
    }
    const target = (await transferTargets(context, tx, chat)).find(
      (member) => member.id === toOperatorId,
    );
    if (!target) {
      throw new AppError(
        "operator_unavailable",
        409,
        "that operator is not online for this service",
        "operatorId",
      );
    }
    const from = chat.operatorId ? await operatorName(tx, chat.operatorId) : null;
    // The new operator opens it afresh; the first reply time stays the customer's wait.
    await handOver(tx, chat, toOperatorId, "transferred");
    return storeMessage(tx, chat, {
      author: "system",
      event: "transferred",
      body: `${from ?? "An operator"} transferred the chat to ${target.name}.`,
    });
  });
  if (changed) await serveQueues(context);
  return changed;
}

/** The chat goes to another operator, and the record of who held it says so and why. */
async function handOver(
  tx: Transaction,
  chat: ChatRow,
  operatorId: string,
  reason: Exclude<AssignmentReason, "requested">,
): Promise<void> {
  await tx.update(chats).set({ operatorId }).where(eq(chats.id, chat.id));
  await recordAssignment(tx, {
    chatId: chat.id,
    customerId: chat.customerId,
    operatorId,
    fromOperatorId: chat.operatorId,
    reason,
  });
}

/** Who a chat can be handed to now: the online members of its service but the one holding it. */
export async function transferTargets(
  context: AppContext,
  db: Database,
  chat: Pick<ChatRow, "serviceId" | "operatorId">,
) {
  const service = await serviceOf(context, chat);
  const members = await onlineMembers(db, context.presence, {
    ...assignmentRules(service),
    held: heldChats,
    excludeOperatorId: chat.operatorId,
  });
  return members
    .map(({ id, name, held, chatLimit }) => ({
      id,
      name,
      chats: held,
      chatLimit: chatLimit ?? service.chatLimit,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Chats that need an operator go to another candidate: chats assigned but never opened whose
 * operator is no longer available (on break, offline, or without a live console past the grace
 * period), and live chats left without an operator (theirs was deactivated, or lost the service).
 * The customer sees nothing but the wait. Chats nobody can take stay where they are until someone
 * can.
 */
export async function reassignUnopened(context: AppContext, operatorId?: string): Promise<number> {
  const stranded = await context.db
    .select({ id: chats.id, operatorId: chats.operatorId })
    .from(chats)
    .where(
      or(
        and(
          eq(chats.state, "waiting"),
          isNull(chats.firstOpenedAt),
          operatorId ? eq(chats.operatorId, operatorId) : undefined,
          sql`not ${isAvailable(context.presence, chats.operatorId, reassignmentGraceOf(chats.serviceId))}`,
        ),
        operatorId ? undefined : and(isNull(chats.operatorId), inArray(chats.state, liveStates)),
      ),
    )
    .orderBy(asc(chats.requestedAt));
  let moved = 0;
  for (const candidate of stranded) {
    if (await handToAnother(context, candidate.id, candidate.operatorId, false)) moved++;
  }
  return moved;
}

/** The chat goes from `from` (null: nobody) to another candidate, if it is still live and still
 *  theirs under its lock (another process may have moved it meanwhile). Unless `release`, only a
 *  chat nobody opened or nobody holds moves, and only when someone can take it; with `release`
 *  it waits without an operator when nobody can. Returns whether it changed. */
function handToAnother(context: AppContext, chatId: string, from: string | null, release: boolean) {
  return changeChat(context, chatId, async (tx, chat) => {
    if (chat.operatorId !== from || !isLive(chat.state)) return UNCHANGED;
    const unopened = chat.state === "waiting" && !chat.firstOpenedAt;
    if (!release && !unopened && from !== null) return UNCHANGED;
    const next = await assignOperator(tx, context.presence, {
      ...assignmentRules(await serviceOf(context, chat)),
      preferredOperatorId: null,
      excludeOperatorId: from,
      held: heldChats,
    });
    if (next) return handOver(tx, chat, next, "reassigned");
    if (!release) return UNCHANGED;
    // Nobody can take it now: it waits without an operator; the sweep gives it to the next one
    // who can.
    await tx.update(chats).set({ operatorId: null }).where(eq(chats.id, chat.id));
  });
}

/**
 * The operator may no longer serve these chats (deactivated, or no longer chatting for the
 * service): each of their live chats, of the one service or of all, goes to another online member
 * with a free slot, or waits without an operator until one is free. Their messages keep their
 * name.
 */
export async function releaseChatsOf(
  context: AppContext,
  operatorId: string,
  serviceId?: string,
): Promise<void> {
  const held = await context.db
    .select({ id: chats.id })
    .from(chats)
    .where(
      and(
        eq(chats.operatorId, operatorId),
        inArray(chats.state, liveStates),
        serviceId ? eq(chats.serviceId, serviceId) : undefined,
      ),
    );
  for (const { id } of held) await handToAnother(context, id, operatorId, true);
}

/** Chats whose customer has been silent past their service's idle-customer timeout end on the
 *  customer's side. */
export async function endIdleChats(context: AppContext): Promise<number> {
  const idleSince = sql`${new Date()}::timestamptz - ${customerIdleOf(chats.serviceId)} * interval '1 millisecond'`;
  const idle = await context.db
    .select({ id: chats.id })
    .from(chats)
    .where(and(inArray(chats.state, heldStates), lt(chats.customerActiveAt, idleSince)));
  let ended = 0;
  for (const { id } of idle) {
    if (await endChatByCustomer(context, id, true)) ended++;
  }
  return ended;
}
