/** Who may follow and write to a chat, in one place for HTTP routes and WebSocket frames. */
import type { OperatorRow } from "../operators/operators.js";
import type { CustomerIdentity } from "../widget/customer-token.js";
import type { ChatRow } from "./chats.js";

export type Actor =
  | { role: "operator"; operator: OperatorRow }
  | { role: "customer"; customer: CustomerIdentity };

/** An operator reaches the chats assigned to them; a customer only their own chats of the service
 *  their token names. */
export function mayAccessChat(actor: Actor, chat: ChatRow): boolean {
  if (actor.role === "operator") return chat.operatorId === actor.operator.id;
  return (
    chat.customerId === actor.customer.customerId && chat.serviceId === actor.customer.serviceId
  );
}
