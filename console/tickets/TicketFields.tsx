import { useTranslation } from "react-i18next";
import { type TicketStatus, ticketStatusMoves } from "../../shared/domain";
import type { TicketDetail } from "../../shared/tickets";
import { useServices } from "../admin/AdminLayout";
import { useServerErrors } from "../app/forms";
import { Picker } from "../app/Picker";
import { useFormats } from "../i18n/formats";
import { useAssignees, useUpdateTicket } from "./api";
import { ProcessingTypeChoice } from "./ProcessingTypeChoice";
import { customerOf } from "./words";

const NOBODY = "-";

/** The ticket's fields beside its page: each change is saved at once, from the version shown. */
export function TicketFields({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const update = useUpdateTicket(ticket.id);
  const assignees = useAssignees(ticket.id);
  const service = useServices().data?.services.find((item) => item.id === ticket.serviceId);
  const problem = useServerErrors(update.error);
  const closed = ticket.status === "closed";
  const change = (fields: Omit<Parameters<typeof update.mutate>[0], "version">) =>
    update.mutate({ version: ticket.version, ...fields });
  const statuses: TicketStatus[] = [ticket.status, ...ticketStatusMoves[ticket.status]];
  const operators = assignees.data?.operators ?? [];
  const assigneeGone = ticket.assigneeId && !operators.some((o) => o.id === ticket.assigneeId);

  return (
    <aside className="ticket-fields" aria-label={t("tickets.properties")}>
      {/* A closed ticket no longer changes: its controls show the values, disabled. */}
      <fieldset className="ticket-controls" disabled={closed}>
        <div className="ticket-field">
          <Picker
            className="picker-field"
            label={t("tickets.status")}
            value={ticket.status}
            options={statuses.map((status) => ({
              id: status,
              label: t(`tickets.statuses.${status}`),
            }))}
            onChange={(status) => change({ status })}
          />
        </div>
        <div className="ticket-field">
          <Picker
            className="picker-field"
            label={t("tickets.assignee")}
            value={ticket.assigneeId ?? NOBODY}
            options={[
              { id: NOBODY, label: t("tickets.unassigned") },
              ...(assigneeGone && ticket.assigneeId
                ? [{ id: ticket.assigneeId, label: ticket.assigneeName ?? "" }]
                : []),
              ...operators.map((operator) => ({ id: operator.id, label: operator.name })),
            ]}
            onChange={(id) => change({ assigneeId: id === NOBODY ? null : id })}
            problem={assignees.isError ? t("app.listFailed") : null}
          />
        </div>
        {service && (
          <div className="ticket-field">
            <ProcessingTypeChoice
              serviceId={ticket.serviceId}
              defaultLanguage={service.defaultLanguage}
              label={t("tickets.processingType")}
              noneLabel={t("tickets.noType")}
              value={ticket.processingTypeId}
              onChange={(processingTypeId) => change({ processingTypeId })}
              isDisabled={closed || update.isPending}
            />
          </div>
        )}
      </fieldset>
      <p role="status" className="ticket-save-state">
        {update.isPending ? (
          <span className="muted">{t("form.saving")}</span>
        ) : problem.form || Object.values(problem.fields)[0] ? (
          <span className="problem">{problem.form ?? Object.values(problem.fields)[0]}</span>
        ) : null}
      </p>
      <dl className="ticket-facts">
        <dt>{t("tickets.customer")}</dt>
        <dd>
          {customerOf(ticket, t)}
          {ticket.customer.email && ticket.customer.name && (
            <span className="muted ticket-email">{ticket.customer.email}</span>
          )}
        </dd>
        <dt>{t("tickets.channelLabel")}</dt>
        <dd>{t(`tickets.channel.${ticket.channel}`)}</dd>
        <dt>{t("tickets.service")}</dt>
        <dd>{ticket.serviceName}</dd>
        <dt>{t("tickets.created")}</dt>
        <dd>
          <time dateTime={ticket.createdAt}>{formats.dateTime(ticket.createdAt)}</time>
        </dd>
        <dt>{t("tickets.updated")}</dt>
        <dd>
          <time dateTime={ticket.updatedAt}>{formats.dateTime(ticket.updatedAt)}</time>
        </dd>
      </dl>
    </aside>
  );
}
