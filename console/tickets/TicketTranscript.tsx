import { useTranslation } from "react-i18next";
import type { Message } from "../../shared/chat";
import type { TicketDetail } from "../../shared/tickets";
import { MessageContent } from "../chats/Attachments";
import { useFormats } from "../i18n/formats";
import { customerOf } from "./words";

/** The chat's transcript as it was, read-only: who wrote what, when. */
export function TicketTranscript({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { dateTime } = useFormats();
  const messages = ticket.transcript ?? [];
  if (messages.length === 0) return <p className="empty-state">{t("tickets.noMessages")}</p>;
  const authorOf = (message: Message) =>
    message.author === "customer"
      ? customerOf(ticket, t)
      : (message.authorName ?? t("tickets.operator"));
  return (
    <ol className="transcript ticket-transcript" aria-label={t("tickets.chatHistory")}>
      {messages.map((message) => (
        <li key={message.id} className={`message from-${message.author}`}>
          {message.author !== "system" && <span className="author">{authorOf(message)}</span>}
          <MessageContent
            message={message}
            text={
              message.event && message.event in eventKeys
                ? t(`events.${message.event as keyof typeof eventKeys}`)
                : message.body
            }
          />
          <span className="meta">
            <time dateTime={message.createdAt}>{dateTime(message.createdAt)}</time>
          </span>
        </li>
      ))}
    </ol>
  );
}

/** System notes said in the reader's language; the greeting and transfers keep their text. */
const eventKeys = {
  customer_ended: true,
  customer_idle: true,
  operator_ended: true,
  rating_requested: true,
};
