/**
 * Who may do what to a chat, in one place for HTTP routes and WebSocket frames. Two kinds of
 * access: acting on a live chat (its operator, its customer) and viewing or editing a chat's
 * record afterwards (members of its service; administrators), which history, tickets and
 * statistics use.
 */
import type { CustomerIdentity } from "../customers/customer-token.js";
import type { OperatorRow } from "../operators/operators.js";
import type { ChatRow } from "./schema.js";

export type Actor =
  | { role: "operator"; operator: OperatorRow }
  | { role: "customer"; customer: CustomerIdentity };

export type ChatAction =
  | "follow"
  | "message.send"
  | "typing.set"
  | "read.set"
  | "chat.end"
  | "rating.request"
  | "rating.set"
  | "chat.transfer";

/** A live chat is acted on by the operator it is assigned to, and by its customer: only their own
 *  chats of the service their token names. */
export function mayActOnLiveChat(
  actor: Actor,
  chat: Pick<ChatRow, "operatorId" | "customerId" | "serviceId">,
): boolean {
  if (actor.role === "operator") return chat.operatorId === actor.operator.id;
  return (
    chat.customerId === actor.customer.customerId && chat.serviceId === actor.customer.serviceId
  );
}

const operatorOnly: ChatAction[] = ["rating.request", "chat.transfer"];
const customerOnly: ChatAction[] = ["rating.set"];

/** Within a chat they may act on: only the operator asks for a rating or transfers; only the
 *  customer rates. */
export function mayAct(actor: Actor, action: ChatAction): boolean {
  return !(actor.role === "operator" ? customerOnly : operatorOnly).includes(action);
}

/** A chat's record (customer info, inquiry info, transcript, ticket) is viewed and edited by the
 *  members of its service, and by administrators, whoever held the chat. */
export function mayViewRecord(
  operator: Pick<OperatorRow, "role">,
  chat: Pick<ChatRow, "serviceId">,
  memberOf: readonly string[],
): boolean {
  return operator.role === "administrator" || memberOf.includes(chat.serviceId);
}
