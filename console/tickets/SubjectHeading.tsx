import { type FormEvent, useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { MAX_TICKET_SUBJECT_LENGTH } from "../../shared/limits";
import type { TicketDetail } from "../../shared/tickets";
import { TextInput, useServerErrors } from "../app/forms";
import { useUpdateTicket } from "./api";

/** The ticket's number and subject; Edit turns the subject into a field with Save. What was
 *  typed stays in the field when the save is refused. */
export function SubjectHeading({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.id);
  const [draft, setDraft] = useState<string | null>(null);
  const errors = useServerErrors(update.error);
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (draft === null) return;
    update.mutate({ version: ticket.version, subject: draft }, { onSuccess: () => setDraft(null) });
  };

  if (draft === null) {
    return (
      <div className="ticket-heading">
        <h1 id="ticket-subject">
          <span className="ticket-number">#{ticket.number}</span>{" "}
          {ticket.subject || <span className="muted">{t("tickets.noSubject")}</span>}
        </h1>
        {ticket.status !== "closed" && (
          <Button
            onPress={() => {
              update.reset();
              setDraft(ticket.subject);
            }}
          >
            {t("tickets.editSubject")}
          </Button>
        )}
      </div>
    );
  }
  return (
    <form className="ticket-heading editing" onSubmit={save}>
      <h1 id="ticket-subject" className="visually-hidden">
        #{ticket.number} {ticket.subject}
      </h1>
      <TextInput
        name="subject"
        label={t("tickets.subject")}
        value={draft}
        onChange={setDraft}
        required
        maxLength={MAX_TICKET_SUBJECT_LENGTH}
        errors={errors.fields}
      />
      <div className="ticket-heading-actions">
        <Button type="submit" className="primary" isDisabled={update.isPending || !draft.trim()}>
          {update.isPending ? t("form.saving") : t("form.save")}
        </Button>
        <Button onPress={() => setDraft(null)}>{t("chat.cancel")}</Button>
        {errors.form && (
          <span role="alert" className="problem">
            {errors.form}
          </span>
        )}
      </div>
    </form>
  );
}
