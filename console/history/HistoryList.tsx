import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { HistoryChat } from "../../shared/history";
import { useFormats } from "../i18n/formats";
import { Duration, historyCustomerLabel, TypePath } from "./names";

/** The chats found, newest first: a calm table, and on a phone a card per chat. */
export function HistoryList(props: { chats: HistoryChat[]; openId: string | undefined }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const { search } = useLocation();
  return (
    <div className="history-table-wrap">
      <table className="history-table">
        <thead>
          <tr>
            <th scope="col">{t("history.started")}</th>
            <th scope="col">{t("history.customer")}</th>
            <th scope="col">{t("history.operators")}</th>
            <th scope="col" className="secondary">
              {t("history.processingType")}
            </th>
            <th scope="col">{t("history.status")}</th>
            <th scope="col" className="secondary">
              {t("history.rating")}
            </th>
            <th scope="col" className="secondary">
              {t("history.duration")}
            </th>
            <th scope="col" className="secondary">
              {t("history.ticket")}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.chats.map((chat) => (
            <tr key={chat.id} aria-current={chat.id === props.openId ? "true" : undefined}>
              <td className="nowrap" data-label={t("history.started")}>
                <time dateTime={chat.requestedAt}>{formats.dateTime(chat.requestedAt)}</time>
              </td>
              <td className="history-customer" data-label={t("history.customer")}>
                {/* The row's link: the whole row answers a click (styles), the link the keyboard. */}
                <Link to={`/history/${chat.id}${search}`} className="row-link">
                  {historyCustomerLabel(chat, t)}
                </Link>
                {chat.customer.name && chat.customer.email && (
                  <span className="muted">{chat.customer.email}</span>
                )}
              </td>
              <td data-label={t("history.operators")}>
                {chat.operators.map((operator) => operator.name).join(", ") || (
                  <span className="muted">{t("history.nobody")}</span>
                )}
              </td>
              <td className="secondary" data-label={t("history.processingType")}>
                <TypePath path={chat.processingType} />
              </td>
              <td data-label={t("history.status")}>
                <span className={`history-status ${chat.processed ? "processed" : "unprocessed"}`}>
                  {t(chat.processed ? "history.processed" : "history.unprocessed")}
                </span>
              </td>
              <td className="secondary" data-label={t("history.rating")}>
                {chat.rating === null ? (
                  <span className="muted">—</span>
                ) : (
                  <span role="img" aria-label={t("history.stars", { count: chat.rating })}>
                    {"★".repeat(chat.rating)}
                    <span className="stars-off">{"★".repeat(5 - chat.rating)}</span>
                  </span>
                )}
              </td>
              <td className="nowrap secondary" data-label={t("history.duration")}>
                <Duration seconds={chat.durationSeconds} />
              </td>
              <td className="secondary" data-label={t("history.ticket")}>
                {chat.ticket ? `#${chat.ticket.number}` : <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
