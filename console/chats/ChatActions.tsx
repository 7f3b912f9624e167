import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ChatSummary } from "../../shared/chat";
import { customerLabel } from "./customer-label";
import { EndChatButton } from "./EndChatButton";
import { TicketButton } from "./TicketButton";
import { TransferMenu } from "./TransferMenu";
import { useWorkspaceContext } from "./workspace";

/** The chat's title and what the operator can do with it: create a ticket, request a rating,
 *  transfer, end. */
export function ChatActions({ chat }: { chat: ChatSummary }) {
  const { t } = useTranslation();
  const { act, update } = useWorkspaceContext();
  const customerGone = chat.state === "ended_by_customer";

  return (
    <div className="chat-actions">
      <Link to="/" className="back-to-list">
        {t("chats.back")}
      </Link>
      <h2>{customerLabel(chat, t)}</h2>
      <span className={`state state-${chat.state}`}>{t(`chats.${chat.state}`)}</span>
      {chat.rating !== null && (
        <span className="rating">
          {t("chat.rating", { score: chat.rating })}
          {chat.ratingComment && <> {t("chat.ratingComment", { comment: chat.ratingComment })}</>}
        </span>
      )}
      <span className="spacer" />
      {/* One group: on a narrow pane the name gives up width first, and the buttons wrap
          together rather than leaving one alone on a second row. */}
      <div className="chat-buttons">
        <TicketButton chat={chat} onCreated={update} />
        <button
          type="button"
          disabled={customerGone}
          onClick={() => act({ type: "rating.request", chatId: chat.id })}
        >
          {t("chat.requestRating")}
        </button>
        <TransferMenu chat={chat} disabled={customerGone} />
        <EndChatButton chatId={chat.id} />
      </div>
    </div>
  );
}
