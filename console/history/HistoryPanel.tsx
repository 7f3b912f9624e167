import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { HistoryChat } from "../../shared/history";
import { CustomerInfo } from "../chats/CustomerInfo";
import { authorOf, textOf } from "../chats/Transcript";
import { useFormats } from "../i18n/formats";
import { useHistoryChat } from "./api";
import { Duration, historyCustomerLabel, TypePath } from "./names";

/** One chat's record beside the list: the inquiry info and the customer info as they were
 *  recorded (read-only here), and the whole transcript. */
export function HistoryPanel({ chatId }: { chatId: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const record = useHistoryChat(chatId);
  const close = (
    <Link to={`/history${search}`} className="history-close">
      {t("history.close")}
    </Link>
  );
  if (record.isPending) {
    return (
      <aside className="history-panel" aria-busy="true">
        {close}
        <p className="muted">{t("app.loading")}</p>
      </aside>
    );
  }
  if (record.isError) {
    return (
      <aside className="history-panel">
        {close}
        <p role="alert" className="problem">
          {t("history.chatNotFound")}
        </p>
      </aside>
    );
  }
  const { chat, messages } = record.data;
  return (
    <aside className="history-panel" aria-labelledby="history-panel-title">
      <header className="history-panel-head">
        <h2 id="history-panel-title">{historyCustomerLabel(chat, t)}</h2>
        {close}
      </header>
      <div className="history-panel-body">
        <InquiryInfo chat={chat} />
        <CustomerInfo chat={record.data.record} />
        <section aria-labelledby="history-transcript-title">
          <h3 id="history-transcript-title">{t("history.transcript")}</h3>
          {messages.length === 0 ? (
            <p className="muted">{t("history.noMessages")}</p>
          ) : (
            <ol className="transcript history-transcript" aria-label={t("chat.conversation")}>
              {messages.map((message) => (
                <li key={message.id} className={`message from-${message.author}`}>
                  {message.author !== "system" && (
                    <span className="author">{authorOf(message, record.data.record, t)}</span>
                  )}
                  <p className="body">{textOf(message, t)}</p>
                  <span className="meta">
                    <MessageTime at={message.createdAt} />
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </aside>
  );
}

function MessageTime({ at }: { at: string }) {
  const { dateTime } = useFormats();
  return <time dateTime={at}>{dateTime(at)}</time>;
}

function InquiryInfo({ chat }: { chat: HistoryChat }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const rows: [string, React.ReactNode][] = [
    [t("history.processingType"), <TypePath key="type" path={chat.processingType} />],
    [t("history.status"), t(chat.processed ? "history.processed" : "history.unprocessed")],
    [t("history.operators"), chat.operators.map((operator) => operator.name).join(", ") || "—"],
    [t("history.started"), formats.dateTime(chat.requestedAt)],
    [t("history.duration"), <Duration key="duration" seconds={chat.durationSeconds} />],
    [
      t("history.rating"),
      chat.rating === null ? t("history.unrated") : t("history.stars", { count: chat.rating }),
    ],
    [t("history.ticket"), chat.ticket ? `#${chat.ticket.number}` : t("history.noTicket")],
  ];
  return (
    <section className="customer-info history-inquiry" aria-labelledby="history-inquiry-title">
      <h3 id="history-inquiry-title">{t("history.inquiry")}</h3>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
