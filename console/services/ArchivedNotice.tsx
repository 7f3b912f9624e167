import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";

/** On every screen of an archived service: whatever its settings say, it offers no chat. */
export function ArchivedNotice({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  if (!service.archived) return null;
  return (
    <p className="admin-notice" role="note">
      {t("services.archivedNote")}
    </p>
  );
}
