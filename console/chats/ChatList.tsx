import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { customerLabel } from "./customer-label";
import { useWorkspaceContext } from "./workspace";

export function ChatList({ selectedId }: { selectedId: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const workspace = useWorkspaceContext();

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
