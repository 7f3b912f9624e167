import { type FormEvent, useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { MAX_TICKET_NOTE_LENGTH } from "../../shared/limits";
import type { TicketDetail } from "../../shared/tickets";
import { TextInput, useServerErrors } from "../app/forms";
import { useFormats } from "../i18n/formats";
import { useAddNote } from "./api";

/** The internal notes, oldest first, and a field to add one (notes are never edited). */
export function Notes({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const add = useAddNote(ticket.id);
  const [body, setBody] = useState("");
  const errors = useServerErrors(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    add.mutate({ body }, { onSuccess: () => setBody("") });
  };
  return (
    <section className="ticket-notes" aria-labelledby="notes-title">
      <h2 id="notes-title">{t("tickets.notes")}</h2>
      {ticket.notes.length === 0 ? (
        <p className="muted">{t("tickets.noNotes")}</p>
      ) : (
        <ol className="note-list">
          {ticket.notes.map((note) => (
            <li key={note.id} className="note">
              <span className="note-meta">
                <strong>{note.authorName ?? t("tickets.operator")}</strong>{" "}
                <time className="muted" dateTime={note.createdAt}>
                  {formats.dateTime(note.createdAt)}
                </time>
              </span>
              <p className="note-body">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      {ticket.status !== "closed" && (
        <form className="note-form" onSubmit={submit}>
          <TextInput
            name="body"
            label={t("tickets.addNote")}
            description={t("tickets.noteHint")}
            value={body}
            onChange={setBody}
            multiline
            maxLength={MAX_TICKET_NOTE_LENGTH}
            errors={errors.fields}
          />
          <div className="note-actions">
            <Button type="submit" className="primary" isDisabled={add.isPending || !body.trim()}>
              {add.isPending ? t("form.saving") : t("tickets.addNoteButton")}
            </Button>
            {errors.form && (
              <span role="alert" className="problem">
                {errors.form}
              </span>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
