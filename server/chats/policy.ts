/** Who may do what to a chat, in one place for HTTP routes and WebSocket frames. */
import type { OperatorRow } from "../operators/operators.js";
import type { CustomerIdentity } from "../widget/customer-token.js";
import type { ChatRow } from "./queries.js";

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

/** An operator reaches the chats assigned to them; a customer only their own chats of the service
 *  their token names. */
export function mayAccessChat(actor: Actor, chat: ChatRow): boolean {
  if (actor.role === "operator") return chat.operatorId === actor.operator.id;
  return (
    chat.customerId === actor.customer.customerId && chat.serviceId === actor.customer.serviceId
  );
}

const operatorOnly: ChatAction[] = ["rating.request", "chat.transfer"];
const customerOnly: ChatAction[] = ["rating.set"];

/** Within a chat they may access: only the operator asks for a rating or transfers; only the
 *  customer rates. */
export function mayAct(actor: Actor, action: ChatAction): boolean {
  return !(actor.role === "operator" ? customerOnly : operatorOnly).includes(action);
}
