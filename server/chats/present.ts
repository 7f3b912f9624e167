import type { ChatSummary, Message } from "../../shared/chat.js";
import type { chats, customers, messages } from "../db/schema.js";

type ChatRow = typeof chats.$inferSelect;
type CustomerRow = typeof customers.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

export function presentChat(
  chat: ChatRow,
  customer: CustomerRow,
  serviceName: string,
): ChatSummary {
  return {
    id: chat.id,
    serviceId: chat.serviceId,
    serviceName,
    state: chat.state,
    operatorId: chat.operatorId,
    customer: {
      id: customer.id,
      name: customer.name,
      email: customer.email,
      notes: customer.notes,
    },
    channel: chat.channel,
    ipAddress: chat.ipAddress,
    device: chat.device,
    requestedAt: chat.requestedAt.toISOString(),
    firstOpenedAt: chat.firstOpenedAt?.toISOString() ?? null,
    lastSeq: chat.lastSeq,
  };
}

export function presentMessage(row: MessageRow, authorName: string | null): Message {
  return {
    id: row.id,
    chatId: row.chatId,
    seq: row.seq,
    clientId: row.clientId,
    author: row.author,
    operatorId: row.operatorId,
    authorName,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}
