/** Who may download an attachment: the chat's customer (their token), and the operators of its
 *  service and administrators, as for the chat's record. Nobody else learns that it exists. */
import type { Actor } from "../chats/policy.js";
import { mayViewRecord } from "../chats/policy.js";
import type { ChatRow } from "../chats/queries.js";
import type { Database } from "../db/client.js";
import { isMemberOf } from "../services/services.js";
import type { AttachmentRow } from "./schema.js";

export async function mayDownload(
  db: Database,
  actor: Actor,
  attachment: Pick<AttachmentRow, "serviceId">,
  chat: Pick<ChatRow, "customerId" | "serviceId"> | null,
): Promise<boolean> {
  if (actor.role === "customer") {
    // An inquiry form's attachment has no chat: only the service's people read it.
    return (
      chat !== null &&
      chat.customerId === actor.customer.customerId &&
      chat.serviceId === actor.customer.serviceId
    );
  }
  const memberOf = (await isMemberOf(db, actor.operator.id, attachment.serviceId))
    ? [attachment.serviceId]
    : [];
  return mayViewRecord(actor.operator, attachment, memberOf);
}
