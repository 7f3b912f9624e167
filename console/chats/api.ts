import type { ChatListResponse, TransferTargetsResponse } from "../../shared/api";
import type { ChatSummary } from "../../shared/chat";
import { requestJson } from "../../shared/http";

/** The operator opened the chat: it counts towards "processed" and leaves the new-chat list. */
export function openChat(chatId: string): Promise<{ chat: ChatSummary }> {
  return requestJson(`/api/chats/${chatId}/open`, { method: "POST" });
}

export function fetchChats(): Promise<ChatListResponse> {
  return requestJson("/api/chats");
}

export function fetchTransferTargets(chatId: string): Promise<TransferTargetsResponse> {
  return requestJson(`/api/chats/${chatId}/transfer-targets`);
}
