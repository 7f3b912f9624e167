import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ChatSummary } from "../../shared/chat";
import { useFormats } from "../i18n/formats";
import { describeDevice } from "./info/device";

/** Who the customer is and where they came from, as the chat recorded it, read-only (chat
 *  history's panel; the workspace edits them in ChatInfoForm). */
export function CustomerInfo({ chat }: { chat: ChatSummary }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const none = t("info.none");
  const rows: [string, ReactNode][] = [
    [t("info.name"), chat.customer.name],
    [t("info.email"), chat.customer.email],
    [t("info.notes"), chat.customer.notes],
    [t("info.service"), chat.serviceName],
    [t("info.channel"), <Channel key="channel" chat={chat} />],
    [t("info.ip"), chat.ipAddress],
    [t("info.device"), describeDevice(chat.device, t)],
    [t("info.requestedAt"), formats.dateTime(chat.requestedAt)],
  ];
  return (
    <aside className="customer-info" aria-label={t("info.customer")}>
      <h2>{t("info.customer")}</h2>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value || none}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}

/** The channel's name, and under it the page that carried the widget, on one line however long
 *  (the whole address in its title). */
function Channel({ chat }: { chat: ChatSummary }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`channel.${chat.channel}`)}
      {chat.pageUrl && (
        <span className="page-url" title={chat.pageUrl}>
          {chat.pageUrl}
        </span>
      )}
    </>
  );
}
