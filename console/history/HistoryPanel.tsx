import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { HistoryChat } from "../../shared/history";
import { MessageContent } from "../chats/Attachments";
import { ChatInfoForm } from "../chats/info/ChatInfoForm";
import { authorOf, textOf } from "../chats/Transcript";
import { useFormats } from "../i18n/formats";
import { useHistoryChat } from "./api";
import { MASKABLE, MaskTools } from "./Masking";
import { Duration, historyCustomerLabel } from "./names";

/** One chat's record beside the list: what happened (read-only), the customer info and inquiry
 *  info to correct and save (the workspace's form), and the whole transcript. */
export function HistoryPanel({ chatId }: { chatId: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const record = useHistoryChat(chatId);
  const queryClient = useQueryClient();
  // A save changes the row (the customer's name, the processing type) as well as the record.
  const saved = () => {
    queryClient.invalidateQueries({ queryKey: ["history-chat", chatId] });
    queryClient.invalidateQueries({ queryKey: ["history"] });
  };
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
        <ChatInfoForm chat={record.data.record} onSaved={saved} />
        {messages.length > 0 && <MaskTools chatId={chatId} messages={messages} />}
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
                  {message.attachment ? (
                    <MessageContent message={message} text={message.body} />
                  ) : (
                    <p
                      className="body"
                      {...(message.author === "system" ? {} : { [MASKABLE]: message.id })}
                    >
                      {textOf(message, t)}
                    </p>
                  )}
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
      <h3 id="history-inquiry-title">{t("history.record")}</h3>
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
