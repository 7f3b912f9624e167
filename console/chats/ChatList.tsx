import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { customerLabel } from "./customer-label";
import { useWorkspaceContext } from "./workspace";

/** Puts the keyboard on the first chat of the list; false when the list is not on screen. */
export function focusChatList(): boolean {
  const first = document.querySelector<HTMLElement>(".chat-list button");
  // On a narrow screen with a chat open the list is there but hidden: that is not on screen.
  if (!first || first.offsetParent === null) return false;
  first.focus();
  return true;
}

export function ChatList({ selectedId }: { selectedId: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const workspace = useWorkspaceContext();
  // The chat icon, pressed on another screen, brings the operator here to the list.
  const { state } = useLocation();
  useEffect(() => {
    if ((state as { focusChatList?: boolean } | null)?.focusChatList) focusChatList();
  }, [state]);

  return (
    <nav className="chat-list" aria-label={t("chats.list")}>
      {workspace.chats.length === 0 && <p className="muted">{t("chats.empty")}</p>}
      <ul>
        {workspace.chats.map((chat) => {
          const unread = workspace.unread(chat.id);
          return (
            <li key={chat.id}>
              <button
                type="button"
                aria-current={chat.id === selectedId ? "page" : undefined}
                className={chat.firstOpenedAt ? undefined : "unopened"}
                onClick={() => navigate(`/chats/${chat.id}`)}
              >
                <span className="name">{customerLabel(chat, t)}</span>
                <span className={`state state-${chat.state}`}>{t(`chats.${chat.state}`)}</span>
                {unread > 0 && (
                  <span className="badge">{t("chats.unread", { count: unread })}</span>
                )}
                {workspace.customerTyping(chat.id) && <span className="typing-dot" aria-hidden />}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
