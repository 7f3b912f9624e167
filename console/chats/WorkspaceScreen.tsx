import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useMatch } from "react-router";
import type { Operator } from "../../shared/api";
import { useLogout, useRecheckSession } from "../auth/session";
import { OperatorsPanel } from "../operators/OperatorsPanel";
import { StatusSelect } from "../presence/StatusSelect";
import { ChatIcon } from "./ChatIcon";
import { ChatList } from "./ChatList";
import { ChatPane } from "./ChatPane";
import { useWorkspace, WorkspaceContext } from "./workspace";

/** The live workspace: the header with status and the chat icon, the chat list, one chat. */
export function WorkspaceScreen({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  // One screen for every path, so the socket lives as long as the session: /chats/:id picks a chat.
  const chatId = useMatch("/chats/:chatId")?.params.chatId;
  const showOperators = useMatch("/operators") !== null && operator.role === "administrator";
  const workspace = useWorkspace(operator.id, useRecheckSession());
  const logout = useLogout();
  const inChat = workspace.chats.filter((chat) => chat.state !== "ended_by_customer").length;
  const waiting = workspace.chats.filter(
    (chat) => chat.firstOpenedAt === null || workspace.unread(chat.id) > 0,
  ).length;

  // The tab's title counts the chats that wait for the operator, for when they are elsewhere.
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) ${t("app.name")}` : t("app.name");
  }, [waiting, t]);

  return (
    <WorkspaceContext value={workspace}>
      <header className="topbar">
        <span className="brand">{t("app.name")}</span>
        <ChatIcon />
        <StatusSelect operator={operator} />
        <span className="in-chat">{t("status.inChat", { count: inChat })}</span>
        <span className="spacer" />
        {operator.role === "administrator" && (
          <Link to="/operators" className="nav-link">
            {t("operators.link")}
          </Link>
        )}
        <span className="who">{operator.name}</span>
        <button type="button" onClick={() => logout.mutate()}>
          {t("app.logout")}
        </button>
      </header>
      {workspace.connection !== "open" && (
        <p role="status" className="banner">
          {t("app.reconnecting")}
        </p>
      )}
      {operator.status !== "online" && <p className="banner muted">{t("status.notOnline")}</p>}
      <div className="workspace">
        <ChatList selectedId={chatId} />
        {showOperators ? (
          <OperatorsPanel />
        ) : chatId ? (
          <ChatPane key={chatId} chatId={chatId} />
        ) : (
          <p className="centered muted">{t("chats.choose")}</p>
        )}
      </div>
    </WorkspaceContext>
  );
}
