import { useTranslation } from "react-i18next";
import { useMatch, useNavigate } from "react-router";
import { focusChatList } from "./ChatList";
import { useLeaveGuard } from "./info/LeaveGuard";
import { useWorkspaceContext } from "./workspace";

/** Blinks while a chat waits that the operator has not opened yet (PRODUCT.md: "the chat icon
 *  blinks"); it opens the workspace from any screen and takes the operator to the chat list. */
export function ChatIcon() {
  const { t } = useTranslation();
  const { chats } = useWorkspaceContext();
  const navigate = useNavigate();
  const confirmLeave = useLeaveGuard();
  const openChatId = useMatch("/chats/:chatId")?.params.chatId;
  const unopened = chats.filter((chat) => chat.firstOpenedAt === null).length;

  return (
    <button
      type="button"
      className={unopened > 0 ? "chat-icon blinking" : "chat-icon"}
      // Read aloud as "Chats, 1 new": the name and the badge's text would run together.
      aria-label={unopened > 0 ? t("chats.iconWithNew", { count: unopened }) : undefined}
      // On the workspace already, the open chat stays open; elsewhere the list comes first.
      onClick={async () => {
        if (focusChatList() || !(await confirmLeave(openChatId))) return;
        navigate("/", { state: { focusChatList: true } });
      }}
    >
      {t("chats.icon")}
      {unopened > 0 && <span className="badge">{t("chats.unopened", { count: unopened })}</span>}
    </button>
  );
}
