import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ProcessingTypeNames } from "../../shared/categories";
import type { Language } from "../../shared/domain";
import type { HistoryChat } from "../../shared/history";

/** A processing type's name in the UI language, else in the first language it has one in. */
export function typeName(names: ProcessingTypeNames, language: string): string {
  return names[language as Language] ?? Object.values(names).find(Boolean) ?? "";
}

/** The customer's name, else their email, else "Customer" and the chat's short number. */
export function historyCustomerLabel(chat: HistoryChat, t: TFunction): string {
  return (
    chat.customer.name ??
    chat.customer.email ??
    t("chats.customer", { number: chat.id.slice(0, 4).toUpperCase() })
  );
}

/** "Orders › Late delivery", in the UI language. */
export function TypePath({ path }: { path: HistoryChat["processingType"] }) {
  const { t, i18n } = useTranslation();
  if (path.length === 0) return <span className="muted">{t("history.noType")}</span>;
  const language = i18n.resolvedLanguage ?? "en";
  return <>{path.map((type) => typeName(type.names, language)).join(" › ")}</>;
}

export function Duration({ seconds }: { seconds: number | null }) {
  const { t } = useTranslation();
  if (seconds === null) return <span className="muted">{t("history.ongoing")}</span>;
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return <>{t("history.underMinute")}</>;
  if (minutes < 60) return <>{t("history.minutes", { count: minutes })}</>;
  return <>{t("history.hours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 })}</>;
}
