import { useTranslation } from "react-i18next";
import { Outlet, useMatch } from "react-router";
import { ChatList } from "./ChatList";

/** The live workspace: the chat list, and the chat the URL names beside it. */
export function WorkspaceScreen() {
  const chatId = useMatch("/chats/:chatId")?.params.chatId;
  return (
    // With a chat open, a narrow screen shows only that chat; without, only the list.
    <div className={chatId ? "workspace with-chat" : "workspace"}>
      <ChatList selectedId={chatId} />
      <Outlet />
    </div>
  );
}

export function NoChatChosen() {
  const { t } = useTranslation();
  return <p className="centered muted">{t("chats.choose")}</p>;
}
