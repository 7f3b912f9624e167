import type { ChatStateUpdate, ChatSummary, Message } from "../../shared/chat.js";
import type { chats, customers, messages } from "../db/schema.js";

type ChatRow = typeof chats.$inferSelect;
type CustomerRow = typeof customers.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

const iso = (date: Date | null) => date?.toISOString() ?? null;

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
    firstOpenedAt: iso(chat.firstOpenedAt),
    firstReplyAt: iso(chat.firstReplyAt),
    customerEndedAt: iso(chat.customerEndedAt),
    endedAt: iso(chat.endedAt),
    processed: chat.processed,
    rating: chat.rating,
    ratingComment: chat.ratingComment,
    lastSeq: chat.lastSeq,
    operatorReadSeq: chat.operatorReadSeq,
    customerReadSeq: chat.customerReadSeq,
  };
}

export function presentStateUpdate(chat: ChatRow, operatorName: string | null): ChatStateUpdate {
  return {
    chatId: chat.id,
    state: chat.state,
    operatorId: chat.operatorId,
    operatorName,
    rating: chat.rating,
    ratingComment: chat.ratingComment,
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
    event: row.event,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}
