import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import { SaveBar, Toggle } from "../app/forms";
import { ArchivedNotice } from "./ArchivedNotice";
import { useServiceForm } from "./useServiceForm";

/** Help center → basic settings: whether the service offers chat at all, and what the widget
 *  asks the customer beside the consent (the pre-chat fields). */
export function HelpCenterScreen({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const form = useServiceForm({
    service,
    fields: (current) => ({
      chatEnabled: current.chatEnabled,
      askName: current.askName,
      askEmail: current.askEmail,
    }),
  });
  return (
    <form className="admin-screen" onSubmit={form.submit}>
      <h2>{t("services.helpCenter")}</h2>
      <p className="lead">{t("services.helpCenterLead")}</p>
      <ArchivedNotice service={service} />
      <Toggle
        label={t("services.chatEnabled")}
        description={t("services.chatEnabledHelp")}
        isSelected={form.draft.chatEnabled}
        onChange={(chatEnabled) => form.update({ chatEnabled })}
      />
      <Toggle
        label={t("services.askName")}
        description={t("services.askNameHelp")}
        isSelected={form.draft.askName}
        onChange={(askName) => form.update({ askName })}
      />
      <Toggle
        label={t("services.askEmail")}
        description={t("services.askEmailHelp")}
        isSelected={form.draft.askEmail}
        onChange={(askEmail) => form.update({ askEmail })}
      />
      <div className="field">
        <span className="field-label">{t("services.helpCenterUrl")}</span>
        <code className="copyable">{service.helpCenterUrl}</code>
        <p className="field-description">{t("services.helpCenterHelp")}</p>
      </div>
      <SaveBar {...form.saveBar} />
    </form>
  );
}
