import { useTranslation } from "react-i18next";
import type { TicketForm } from "../../shared/tickets";
import { AttachmentView } from "../chats/Attachments";

/** What the customer sent in the inquiry form, as they wrote it. */
export function FormContent({ form }: { form: TicketForm }) {
  const { t } = useTranslation();
  const none = <span className="muted">{t("info.none")}</span>;
  return (
    <dl className="form-content">
      <dt>{t("tickets.form.name")}</dt>
      <dd>{form.name || none}</dd>
      <dt>{t("tickets.form.email")}</dt>
      <dd>{form.email || none}</dd>
      <dt>{t("tickets.form.subject")}</dt>
      <dd>{form.subject || none}</dd>
      <dt>{t("tickets.form.message")}</dt>
      <dd className="form-message">{form.message || none}</dd>
      {form.attachment && (
        <>
          <dt>{t("tickets.form.attachment")}</dt>
          <dd>
            <AttachmentView attachment={form.attachment} />
          </dd>
        </>
      )}
    </dl>
  );
}
