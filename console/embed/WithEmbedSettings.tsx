/** An embed screen's body once the service's embed settings are loaded; loading and failure
 *  look as on every console screen. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { EmbedSettings } from "../../shared/api";
import { loadFailedKey } from "../app/load-failed";
import { useEmbedSettings } from "./api";

export function WithEmbedSettings(props: {
  serviceId: string;
  children: (settings: EmbedSettings) => ReactNode;
}) {
  const { t } = useTranslation();
  const settings = useEmbedSettings(props.serviceId);
  if (settings.isPending) return <p className="centered muted">{t("app.loading")}</p>;
  if (settings.isError) {
    return (
      <p role="alert" className="centered problem">
        {t(loadFailedKey(settings.error))}
      </p>
    );
  }
  return props.children(settings.data);
}
