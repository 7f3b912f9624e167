import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet } from "react-router";
import { isHeld } from "../../shared/domain";
import type { ConnectionState } from "../../shared/realtime-client";
import { useServices } from "../admin/AdminLayout";
import { useLogout, useOperator, useRecheckSession } from "../auth/session";
import { ChatIcon } from "../chats/ChatIcon";
import { LeaveGuardProvider } from "../chats/info/LeaveGuard";
import { useArrivalNotifications } from "../chats/notifications";
import { useWorkspace, WorkspaceContext } from "../chats/workspace";
import { LanguageSelect } from "../i18n/LanguageSelect";
import { StatusSelect } from "../presence/StatusSelect";

/** Around every screen: the header with the status window and the chat icon, and the live
 *  workspace. It holds the one RealtimeClient, so moving between screens never reconnects. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const operator = useOperator();
  const workspace = useWorkspace(operator.id, useRecheckSession());
  const logout = useLogout();
  const services = useServices();
  useArrivalNotifications(workspace, operator.id);
  const inChat = workspace.chats.filter((chat) => isHeld(chat.state)).length;
  const waiting = workspace.chats.filter(
    (chat) => chat.firstOpenedAt === null || workspace.unread(chat.id) > 0,
  ).length;

  // The tab's title counts the chats that wait for the operator, for when they are elsewhere.
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) ${t("app.name")}` : t("app.name");
  }, [waiting, t]);

  return (
    <WorkspaceContext value={workspace}>
      <LeaveGuardProvider>
        <header className="topbar">
          <Link to="/" className="brand">
            {t("app.name")}
          </Link>
          <StatusSelect operator={operator} />
          <span className="in-chat">{t("status.inChat", { count: inChat })}</span>
          <ChatIcon />
          <nav className="main-nav" aria-label={t("app.navigation")}>
            <NavLink to="/tickets" className="nav-link">
              {t("tickets.title")}
            </NavLink>
            <NavLink to="/history" className="nav-link">
              {t("history.link")}
            </NavLink>
            {/* Statistics are of the services one is a member of (administrators: all). */}
            {(services.data?.services.length ?? 0) > 0 && (
              <NavLink to="/statistics" className="nav-link">
                {t("statistics.link")}
              </NavLink>
            )}
          </nav>
          <span className="spacer" />
          {operator.role === "administrator" && (
            <Link to="/admin" className="nav-link">
              {t("admin.link")}
            </Link>
          )}
          <LanguageSelect />
          <span className="who">{operator.name}</span>
          <button type="button" onClick={() => logout.mutate()}>
            {t("app.logout")}
          </button>
        </header>
        {useConnectionNotice(workspace.connection) && (
          <p role="status" className="banner">
            {t("app.reconnecting")}
          </p>
        )}
        {operator.status !== "online" && <p className="banner muted">{t("status.notOnline")}</p>}
        <main className="screen">
          <Outlet />
        </main>
      </LeaveGuardProvider>
    </WorkspaceContext>
  );
}

/** How long the first connection may take before the operator is told: a page load connects in
 *  well under this, and a banner that flashes on every load teaches people to ignore it. */
const FIRST_CONNECT_GRACE_MS = 2000;

/** Whether to say the console is not connected: at once when a connection that was open is lost,
 *  and for the first one only once it takes longer than a page load should. */
function useConnectionNotice(connection: ConnectionState): boolean {
  const wasOpen = useRef(false);
  const [slow, setSlow] = useState(false);
  if (connection === "open") wasOpen.current = true;
  useEffect(() => {
    if (connection === "open" || wasOpen.current) return;
    const timer = setTimeout(() => setSlow(true), FIRST_CONNECT_GRACE_MS);
    return () => clearTimeout(timer);
  }, [connection]);
  return connection !== "open" && (wasOpen.current || slow);
}
