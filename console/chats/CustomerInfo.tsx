import { useTranslation } from "react-i18next";
import type { ChatSummary } from "../../shared/chat";
import { useFormats } from "../i18n/formats";

/** Who the customer is and where they came from, as the chat recorded it. */
export function CustomerInfo({ chat }: { chat: ChatSummary }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const none = t("info.none");
  const rows: [string, string | null][] = [
    [t("info.name"), chat.customer.name],
    [t("info.email"), chat.customer.email],
    [t("info.notes"), chat.customer.notes],
    [t("info.service"), chat.serviceName],
    [t("info.channel"), chat.channel],
    [t("info.ip"), chat.ipAddress],
    [t("info.device"), chat.device],
    [t("info.requestedAt"), formats.dateTime(chat.requestedAt)],
  ];
  return (
    <aside className="customer-info" aria-label={t("info.title")}>
      <h2>{t("info.title")}</h2>
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
