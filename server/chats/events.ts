/** Live delivery of committed changes. Best effort: what is committed stays committed even when
 *  the bus fails, and clients read it back when they resume. */
import type { ChatSummary, Message } from "../../shared/chat.js";
import { type BusEvent, topics } from "../bus/bus.js";
import type { AppContext } from "../context.js";
import { chatStateUpdate, chatSummary } from "./queries.js";

async function publish(context: AppContext, topic: string, event: BusEvent): Promise<void> {
  await context.bus
    .publish(topic, event)
    .catch((error) => context.log.error({ err: error, topic }, "bus publish failed"));
}

export function publishMessage(context: AppContext, message: Message): Promise<void> {
  return publish(context, topics.chat(message.chatId), { type: "message", message });
}

/** A message was masked: whoever follows its chat and holds it replaces it. */
export function publishMaskedMessage(context: AppContext, message: Message): Promise<void> {
  return publish(context, topics.chat(message.chatId), { type: "message.masked", message });
}

export function publishEphemeral(
  context: AppContext,
  event: Extract<BusEvent, { type: "typing" | "read" }>,
): Promise<void> {
  return publish(context, topics.chat(event.chatId), event);
}

/**
 * A chat changed: its operator's list entry (and that of the operator it was taken from, who
 * drops it), and both sides' view of its state.
 */
export async function publishChatChange(
  context: AppContext,
  chatId: string,
  previousOperatorId: string | null = null,
): Promise<ChatSummary> {
  const [summary, update] = await Promise.all([
    chatSummary(context.db, chatId),
    chatStateUpdate(context.db, chatId),
  ]);
  if (!summary || !update) throw new Error(`chat ${chatId} vanished`);
  // The state first: an operator whose workspace the chat leaves (closed, transferred) still
  // follows it and gets the state, and one it newly reaches follows it after the state, so gets
  // the state once, with its replay.
  await publish(context, topics.chat(chatId), { type: "state", update });
  const operators = new Set([summary.operatorId, previousOperatorId]);
  for (const operatorId of operators) {
    if (operatorId)
      await publish(context, topics.operator(operatorId), { type: "chat", chat: summary });
  }
  return summary;
}

/** The chat's info changed: its operator's list entry shows it (the customer sees none of it). */
export async function publishChatEntry(context: AppContext, chat: ChatSummary): Promise<void> {
  if (chat.operatorId) {
    await publish(context, topics.operator(chat.operatorId), { type: "chat", chat });
  }
}
