import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import { ConfirmButton } from "../app/ConfirmButton";
import { SaveBar } from "../app/forms";
import { ArchivedNotice } from "./ArchivedNotice";
import { identityComplete, ServiceIdentityFields } from "./ServiceFields";
import { useServiceChange, useServiceForm } from "./useServiceForm";

/** The service itself: name, languages, time zone; its key and help center URL to read; archive. */
export function ServiceGeneralScreen({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const form = useServiceForm({
    service,
    fields: (current) => ({
      name: current.name,
      languages: current.languages,
      defaultLanguage: current.defaultLanguage,
      timeZone: current.timeZone,
    }),
  });
  const { draft, errors } = form;
  return (
    <div className="admin-screen">
      <h2>{t("services.general")}</h2>
      <p className="lead">{t("services.generalLead")}</p>
      <ArchivedNotice service={service} />
      <form onSubmit={form.submit}>
        <ServiceIdentityFields value={draft} onChange={form.update} errors={errors.fields} />
        <dl className="facts">
          <dt>{t("services.key")}</dt>
          <dd>
            <code>{service.key}</code>
          </dd>
          <dt>{t("services.helpCenterUrl")}</dt>
          <dd>
            <code>{service.helpCenterUrl}</code>
          </dd>
        </dl>
        <SaveBar {...form.saveBar} invalid={!identityComplete(draft)} />
      </form>
      <ArchiveControl service={service} />
    </div>
  );
}

/** Archiving is asked once more; restoring is not, it only brings chat back as set. */
function ArchiveControl({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const archive = useServiceChange(service.id, "/archive");
  const restore = useServiceChange(service.id, "/restore");
  if (service.archived) {
    return (
      <div className="danger-zone">
        <Button onPress={() => restore.mutate({ method: "POST" })} isDisabled={restore.isPending}>
          {t("services.restore")}
        </Button>
      </div>
    );
  }
  return (
    <div className="danger-zone">
      <ConfirmButton
        className="danger"
        label={t("services.archive")}
        title={t("services.archiveTitle", { name: service.name })}
        text={t("services.archiveText")}
        cancel={t("services.cancel")}
        onConfirm={() => archive.mutate({ method: "POST" })}
      />
    </div>
  );
}
