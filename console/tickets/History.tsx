import { useTranslation } from "react-i18next";
import type { TicketStatus } from "../../shared/domain";
import type { TicketChange, TicketDetail } from "../../shared/tickets";
import { useServices } from "../admin/AdminLayout";
import { useProcessingTypes, useTypeName } from "../categories/api";
import { useFormats } from "../i18n/formats";

/** The ticket's timeline: every change, who made it (or the system), from what to what. */
export function History({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const describe = useDescribe(ticket);
  return (
    <section className="ticket-history" aria-labelledby="history-title">
      <h2 id="history-title">{t("tickets.history")}</h2>
      <ol className="history-list">
        {[...ticket.history].reverse().map((entry) => (
          <li key={entry.id}>
            <span className="history-what">{describe(entry)}</span>
            <span className="muted history-meta">
              {entry.actorName ?? t("tickets.system")} ·{" "}
              <time dateTime={entry.at}>{formats.dateTime(entry.at)}</time>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One change in words, values in the reader's language (statuses, types by name). */
function useDescribe(ticket: TicketDetail) {
  const { t } = useTranslation();
  const service = useServices().data?.services.find((item) => item.id === ticket.serviceId);
  const types = useProcessingTypes(ticket.serviceId).data?.processingTypes ?? [];
  const typeName = useTypeName(service?.defaultLanguage ?? "en");
  const none = t("info.none");
  const typeOf = (id: string | null) => {
    const type = id ? types.find((candidate) => candidate.id === id) : undefined;
    return type ? typeName(type) : none;
  };
  return (entry: TicketChange): string => {
    switch (entry.field) {
      case "created":
        return t(`tickets.historyCreated.${entry.to === "form" ? "form" : "chat"}`);
      case "note":
        return t("tickets.historyNote");
      case "status":
        return t("tickets.historyChange", {
          field: t("tickets.status"),
          from: t(`tickets.statuses.${entry.from as TicketStatus}`),
          to: t(`tickets.statuses.${entry.to as TicketStatus}`),
        });
      case "assignee":
        return t("tickets.historyChange", {
          field: t("tickets.assignee"),
          from: entry.fromName ?? t("tickets.unassigned"),
          to: entry.toName ?? t("tickets.unassigned"),
        });
      case "processingType":
        return t("tickets.historyChange", {
          field: t("tickets.processingType"),
          from: typeOf(entry.from),
          to: typeOf(entry.to),
        });
      case "subject":
        return t("tickets.historyChange", {
          field: t("tickets.subject"),
          from: entry.from || none,
          to: entry.to || none,
        });
    }
  };
}
