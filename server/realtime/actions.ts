/**
 * What each chat frame does: a table from frame type to a handler of one shape (validated frame
 * in, the actor checked against the chat's policy, one domain function called). The connection
 * only moves frames; the rules live in the chat functions.
 */
import type { ChatActionFrame, SendMessageFrame, ServerFrame } from "../../shared/protocol.js";
import { appendMessage } from "../chats/chats.js";
import { publishEphemeral } from "../chats/events.js";
import {
  endChatByCustomer,
  endChatByOperator,
  markRead,
  rateChat,
  requestRating,
  touchCustomer,
  transferChat,
} from "../chats/lifecycle.js";
import { type Actor, mayAct, mayActOnLiveChat } from "../chats/policy.js";
import { chatOfParty } from "../chats/queries.js";
import type { AppContext } from "../context.js";
import { fieldsFrom, notAllowed } from "../errors.js";

type ActionFrame = SendMessageFrame | ChatActionFrame;

interface ActionContext {
  context: AppContext;
  actor: Actor;
  reply(frame: ServerFrame): void;
}

type Handlers = {
  [K in ChatActionFrame["type"]]: (
    action: ActionContext,
    frame: Extract<ChatActionFrame, { type: K }>,
  ) => Promise<unknown>;
};

const handlers: Handlers = {
  "typing.set": async ({ context, actor }, frame) => {
    if (actor.role === "customer" && frame.typing) await touchCustomer(context, frame.chatId);
    await publishEphemeral(context, {
      type: "typing",
      chatId: frame.chatId,
      role: actor.role,
      typing: frame.typing,
    });
  },
  "read.set": ({ context, actor }, frame) => markRead(context, frame.chatId, actor.role, frame.seq),
  "chat.end": ({ context, actor }, frame) =>
    actor.role === "operator"
      ? endChatByOperator(context, frame.chatId)
      : endChatByCustomer(context, frame.chatId),
  "rating.request": ({ context }, frame) => requestRating(context, frame.chatId),
  "rating.set": ({ context }, frame) => rateChat(context, frame.chatId, frame.score, frame.comment),
  "chat.transfer": ({ context }, frame) => transferChat(context, frame.chatId, frame.operatorId),
};

/** The hot path: no lookup before the write, the writer checks access on the locked chat row. */
async function sendMessage({ context, actor, reply }: ActionContext, frame: SendMessageFrame) {
  const { message } = await appendMessage(
    context,
    {
      chatId: frame.chatId,
      clientId: frame.clientId,
      body: frame.body,
      author: actor.role,
      operatorId: actor.role === "operator" ? actor.operator.id : null,
      mayWrite: (chat) => mayActOnLiveChat(actor, chat),
    },
    // The name as of the connection's hello: a rename shows from the next connection on.
    actor.role === "operator" ? actor.operator.name : null,
  );
  reply({ type: "ack", clientId: frame.clientId, message });
}

export async function performAction(action: ActionContext, frame: ActionFrame): Promise<void> {
  if (frame.type === "message.send") return sendMessage(action, frame);
  await chatOfParty(action.context.db, action.actor, frame.chatId);
  if (!mayAct(action.actor, frame.type)) {
    throw notAllowed(`a ${action.actor.role} may not send ${frame.type}`);
  }
  const handler = handlers[frame.type] as (
    a: ActionContext,
    f: ChatActionFrame,
  ) => Promise<unknown>;
  await fieldsFrom("frame", () => handler(action, frame));
}
