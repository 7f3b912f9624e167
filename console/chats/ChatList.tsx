import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import type { ChatSummary, Message } from "../../shared/chat";
import { customerLabel } from "./customer-label";
import { useLeaveGuard } from "./info/LeaveGuard";
import { NotificationControls } from "./NotificationControls";
import { useWorkspaceContext } from "./workspace";

/** Puts the keyboard on the first chat of the list; false when the list is not on screen. */
export function focusChatList(): boolean {
  const first = document.querySelector<HTMLElement>(".chat-list li > button");
  // On a narrow screen with a chat open the list is there but hidden: that is not on screen.
  if (!first || first.offsetParent === null) return false;
  first.focus();
  return true;
}

/** The operator's chats under the status window: the customers waiting to be opened (oldest
 *  first), then those in conversation. Everything shown comes from the socket's own frames. */
export function ChatList({ selectedId }: { selectedId: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const confirmLeave = useLeaveGuard();
  const workspace = useWorkspaceContext();
  // The chat icon, pressed on another screen, brings the operator here to the list.
  const { state } = useLocation();
  useEffect(() => {
    if ((state as { focusChatList?: boolean } | null)?.focusChatList) focusChatList();
  }, [state]);
  const now = useNow();
  const waiting = workspace.chats.filter((chat) => chat.firstOpenedAt === null);
  const talking = workspace.chats.filter((chat) => chat.firstOpenedAt !== null);

  async function choose(chatId: string) {
    if (chatId === selectedId) return;
    if (await confirmLeave(selectedId)) navigate(`/chats/${chatId}`);
  }

  const entry = (chat: ChatSummary) => (
    <ChatEntry
      key={chat.id}
      chat={chat}
      selected={chat.id === selectedId}
      now={now}
      onChoose={() => choose(chat.id)}
    />
  );

  return (
    <nav className="chat-list" aria-label={t("chats.list")}>
      {workspace.chats.length === 0 && <p className="muted">{t("chats.empty")}</p>}
      {waiting.length > 0 && (
        <>
          <h2 id="list-waiting">
            {t("list.waitingSection")} <span className="count">{waiting.length}</span>
          </h2>
          <ul aria-labelledby="list-waiting">{waiting.map(entry)}</ul>
        </>
      )}
      {talking.length > 0 && (
        <>
          <h2 id="list-talking">
            {t("list.conversationSection")} <span className="count">{talking.length}</span>
          </h2>
          <ul aria-labelledby="list-talking">{talking.map(entry)}</ul>
        </>
      )}
      <div className="list-settings">
        <NotificationControls />
      </div>
    </nav>
  );
}

function ChatEntry(props: {
  chat: ChatSummary;
  selected: boolean;
  now: number;
  onChoose: () => void;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspaceContext();
  const { chat } = props;
  const messages = workspace.messages(chat.id);
  const unread = workspace.unread(chat.id);
  const last = messages.findLast((message) => message.author !== "system");
  const since = waitingSince(chat, messages);
  return (
    <li>
      <button
        type="button"
        aria-current={props.selected ? "page" : undefined}
        className={chat.firstOpenedAt ? undefined : "unopened"}
        onClick={props.onChoose}
      >
        <span className="entry-head">
          <span className="name">{customerLabel(chat, t)}</span>
          {since && (
            <span className="waited">
              <span className="visually-hidden">{t("list.waited")} </span>
              {waitedFor(props.now - Date.parse(since), t)}
            </span>
          )}
        </span>
        <span className="last-message">
          {last ? firstLine(last.body) : <span className="muted">{t("list.noMessages")}</span>}
        </span>
        <span className="entry-foot">
          <span className={`state state-${chat.state}`}>{t(`chats.${chat.state}`)}</span>
          {workspace.customerTyping(chat.id) && <span className="typing-dot" aria-hidden />}
          {unread > 0 && <span className="badge">{t("chats.unread", { count: unread })}</span>}
        </span>
      </button>
    </li>
  );
}

const firstLine = (text: string) => text.trimStart().split("\n", 1)[0];

/** Since when the customer has waited for the operator: the request, for a chat not opened yet;
 *  otherwise their latest message that no reply followed. */
function waitingSince(chat: ChatSummary, messages: readonly Message[]): string | null {
  if (chat.firstOpenedAt === null) return chat.requestedAt;
  if (chat.state !== "active") return null;
  const lastCustomer = messages.findLast((message) => message.author === "customer");
  const lastOperator = messages.findLast((message) => message.author === "operator");
  if (!lastCustomer || (lastOperator && lastOperator.seq > lastCustomer.seq)) return null;
  return lastCustomer.createdAt;
}

function waitedFor(ms: number, t: TFunction): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t("list.justNow");
  if (minutes < 60) return t("list.minutes", { count: minutes });
  return t("list.hours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** The time now, again every 15 seconds: the waiting times move on by themselves. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
