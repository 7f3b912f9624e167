import type { TFunction } from "i18next";
import type { ChatSummary } from "../../shared/chat";

/** The customer's name, or "Customer" and a short number from the chat id until they give one. */
export function customerLabel(chat: ChatSummary, t: TFunction): string {
  return chat.customer.name ?? t("chats.customer", { number: chat.id.slice(0, 4).toUpperCase() });
}
