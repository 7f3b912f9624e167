import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ChatSummary, Device } from "../../shared/chat";
import { useFormats } from "../i18n/formats";

/** The device in the reader's words: "Chrome 131 · Windows 10 · desktop". */
function describeDevice(device: Device | null, t: TFunction): string | null {
  if (!device) return null;
  const join = (name: string | null, version: string | null) =>
    name && [name, version].filter(Boolean).join(" ");
  return t("device.description", {
    browser: join(device.browser, device.browserVersion) || t("device.unknownBrowser"),
    os: join(device.os, device.osVersion) || t("device.unknownOs"),
    type: t(`device.${device.type}`),
  });
}

/** Who the customer is and where they came from, as the chat recorded it. */
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
