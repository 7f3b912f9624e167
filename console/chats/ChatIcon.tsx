import { useTranslation } from "react-i18next";
import { useWorkspaceContext } from "./workspace";

/** Blinks while a chat waits that the operator has not opened yet (PRODUCT.md: "the chat icon
 *  blinks"); it takes the operator to the first such chat's place in the list. */
export function ChatIcon() {
  const { t } = useTranslation();
  const { chats } = useWorkspaceContext();
  const unopened = chats.filter((chat) => chat.firstOpenedAt === null).length;

  return (
    <button
      type="button"
      className={unopened > 0 ? "chat-icon blinking" : "chat-icon"}
      onClick={() => document.querySelector<HTMLElement>(".chat-list button")?.focus()}
    >
      {t("chats.icon")}
      {unopened > 0 && <span className="badge">{t("chats.unopened", { count: unopened })}</span>}
    </button>
  );
}
