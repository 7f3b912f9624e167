/** Chat → embed code (PRODUCT.md): the snippet with its copy button and how-to, the origins
 *  allowed to carry it, and the real widget of the service in a preview page. */
import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import { CopyText } from "../app/CopyText";
import { AllowedOrigins } from "./AllowedOrigins";
import "./embed.css";
import { WithEmbedSettings } from "./WithEmbedSettings";

export function EmbedCodeScreen({ service }: { service: ServiceSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <WithEmbedSettings serviceId={service.id}>
      {(settings) => (
        <section className="admin-screen" aria-labelledby="embed-title">
          <h2 id="embed-title">{t("embed.title")}</h2>
          <p className="lead">{t("embed.lead")}</p>
          <CopyText label={t("embed.code")} text={settings.embedCode} />
          <h3>{t("embed.howTo")}</h3>
          <ol className="how-to">
            <li>{t("embed.step1")}</li>
            <li>{t("embed.step2")}</li>
            <li>{t("embed.step3")}</li>
          </ol>
          {/* Keyed by the service, so that another service's form starts from what it stores. */}
          <AllowedOrigins key={service.id} serviceId={service.id} saved={settings.allowedOrigins} />
          <h3>{t("embed.preview")}</h3>
          <p className="muted">{t("embed.previewLead")}</p>
          <iframe
            className="embed-preview"
            title={t("embed.previewTitle")}
            src={`/preview/${service.id}?lang=${i18n.resolvedLanguage ?? i18n.language}`}
          />
        </section>
      )}
    </WithEmbedSettings>
  );
}
