import type {
  ChatStateUpdate,
  ChatSummary,
  ChatTicket,
  Device,
  Message,
} from "../../shared/chat.js";
import { type CustomerRow, presentCustomer } from "../customers/customers.js";
import type { ChatRow, MessageRow } from "./schema.js";

export type { MessageRow };

const iso = (date: Date | null) => date?.toISOString() ?? null;

function presentDevice(chat: ChatRow): Device | null {
  if (!chat.deviceType) return null;
  return {
    browser: chat.deviceBrowser,
    browserVersion: chat.deviceBrowserVersion,
    os: chat.deviceOs,
    osVersion: chat.deviceOsVersion,
    type: chat.deviceType,
  };
}

export function presentChat(
  chat: ChatRow,
  customer: CustomerRow,
  serviceName: string,
  ticket: ChatTicket | null,
): ChatSummary {
  return {
    id: chat.id,
    serviceId: chat.serviceId,
    serviceName,
    state: chat.state,
    operatorId: chat.operatorId,
    customer: presentCustomer(customer),
    channel: chat.channel,
    pageUrl: chat.pageUrl,
    language: chat.language,
    processingTypeId: chat.processingTypeId,
    ipAddress: chat.ipAddress,
    device: presentDevice(chat),
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
    version: chat.version,
    ticket,
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
    ...(row.attachment ? { attachment: row.attachment } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}
