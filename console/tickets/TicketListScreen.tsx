import { type FormEvent, useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ticketChannels, ticketStatuses } from "../../shared/domain";
import type { TicketSummary } from "../../shared/tickets";
import { useServices } from "../admin/AdminLayout";
import { Picker } from "../app/Picker";
import { useOperator } from "../auth/session";
import { useHistoryOperators } from "../history/api";
import { useFormats } from "../i18n/formats";
import { useTickets } from "./api";
import { useListFilters } from "./filters";
import { ProcessingTypeChoice } from "./ProcessingTypeChoice";
import { customerOf, StatusBadge } from "./words";
import "./tickets.css";
import { loadFailedKey } from "../app/load-failed";

const ALL = "all";

/** The service's tickets, last updated first, filtered by what the URL says. */
export function TicketListScreen() {
  const { t } = useTranslation();
  const [filters, setFilters] = useListFilters();
  const tickets = useTickets(filters);
  const rows = tickets.data?.pages.flatMap((page) => page.tickets) ?? [];
  const filtered = Object.keys(filters).length > 0;

  return (
    <section className="tickets-screen" aria-labelledby="tickets-title">
      <h1 id="tickets-title">{t("tickets.title")}</h1>
      {/* Anew when the URL's words change (cleared, a link): the field shows the list's words. */}
      <Filters key={filters.q ?? ""} />
      {tickets.isPending ? (
        <p className="muted">{t("app.loading")}</p>
      ) : tickets.isError ? (
        <p role="alert" className="problem">
          {t(loadFailedKey(tickets.error))}
        </p>
      ) : rows.length === 0 ? (
        <div className="empty-state">
          <p>{filtered ? t("tickets.noneMatch") : t("tickets.empty")}</p>
          {filtered && (
            <Button onPress={() => setFilters(clearAll)}>{t("tickets.clearFilters")}</Button>
          )}
        </div>
      ) : (
        <TicketTable tickets={rows} />
      )}
      {tickets.hasNextPage && (
        <Button onPress={() => tickets.fetchNextPage()} isDisabled={tickets.isFetchingNextPage}>
          {tickets.isFetchingNextPage ? t("app.loading") : t("tickets.more")}
        </Button>
      )}
    </section>
  );
}

const clearAll = {
  serviceId: "",
  status: "",
  channel: "",
  assignee: "",
  processingTypeId: "",
  q: "",
};

function TicketTable({ tickets }: { tickets: TicketSummary[] }) {
  const { t } = useTranslation();
  const formats = useFormats();
  return (
    <table className="admin-table tickets-table">
      <thead>
        <tr>
          <th scope="col">{t("tickets.subject")}</th>
          <th scope="col">{t("tickets.customer")}</th>
          <th scope="col">{t("tickets.status")}</th>
          <th scope="col">{t("tickets.assignee")}</th>
          <th scope="col">{t("tickets.updated")}</th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((ticket) => (
          <tr key={ticket.id}>
            <td className="ticket-subject-cell">
              <Link to={`/tickets/${ticket.id}`}>
                <span className="ticket-number">#{ticket.number}</span>{" "}
                {ticket.subject || t("tickets.noSubject")}
              </Link>
              <span className="muted ticket-meta">
                {t(`tickets.channel.${ticket.channel}`)} · {ticket.serviceName}
              </span>
            </td>
            <td data-label={t("tickets.customer")}>{customerOf(ticket, t)}</td>
            <td data-label={t("tickets.status")}>
              <StatusBadge status={ticket.status} />
            </td>
            <td data-label={t("tickets.assignee")}>
              {ticket.assigneeName ?? <span className="muted">{t("tickets.unassigned")}</span>}
            </td>
            <td data-label={t("tickets.updated")} className="nowrap">
              <time dateTime={ticket.updatedAt}>{formats.dateTime(ticket.updatedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Filters() {
  const { t } = useTranslation();
  const [filters, setFilters] = useListFilters();
  const services = useServices().data?.services ?? [];
  const me = useOperator();
  const colleagues = (useHistoryOperators().data?.operators ?? []).filter(
    (operator) => operator.id !== me.id,
  );
  const [words, setWords] = useState(filters.q ?? "");
  const service =
    services.find((candidate) => candidate.id === filters.serviceId) ??
    (services.length === 1 ? services[0] : undefined);
  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ q: words.trim() });
  };
  const choice = (key: "status" | "channel" | "assignee" | "serviceId") => (value: string) =>
    setFilters({ [key]: value === ALL ? "" : value });

  return (
    <div className="filters ticket-filters">
      <search className="ticket-search">
        <form onSubmit={search}>
          <label className="field">
            <span className="field-label">{t("tickets.words")}</span>
            <input
              type="search"
              value={words}
              placeholder={t("tickets.wordsPlaceholder")}
              onChange={(event) => setWords(event.target.value)}
            />
          </label>
          <Button type="submit">{t("tickets.search")}</Button>
        </form>
      </search>
      {services.length > 1 && (
        <Picker
          className="picker-field"
          label={t("tickets.service")}
          value={filters.serviceId ?? ALL}
          options={[
            { id: ALL, label: t("tickets.allServices") },
            ...services.map((item) => ({ id: item.id, label: item.name })),
          ]}
          onChange={choice("serviceId")}
        />
      )}
      <Picker
        className="picker-field"
        label={t("tickets.status")}
        value={filters.status ?? ALL}
        options={[
          { id: ALL, label: t("tickets.anyStatus") },
          ...ticketStatuses.map((status) => ({
            id: status,
            label: t(`tickets.statuses.${status}`),
          })),
        ]}
        onChange={choice("status")}
      />
      <Picker
        className="picker-field"
        label={t("tickets.channelLabel")}
        value={filters.channel ?? ALL}
        options={[
          { id: ALL, label: t("tickets.anyChannel") },
          ...ticketChannels.map((channel) => ({
            id: channel,
            label: t(`tickets.channel.${channel}`),
          })),
        ]}
        onChange={choice("channel")}
      />
      <Picker
        className="picker-field"
        label={t("tickets.assignee")}
        value={filters.assignee ?? ALL}
        options={[
          { id: ALL, label: t("tickets.anyone") },
          { id: "me", label: t("tickets.me") },
          { id: "unassigned", label: t("tickets.unassigned") },
          // The colleagues of the services the operator sees (the history's operator choices);
          // one named in the URL but not among them (gone since) still shows as chosen.
          ...colleagues.map((operator) => ({ id: operator.id, label: operator.name })),
          ...(filters.assignee &&
          !["me", "unassigned"].includes(filters.assignee) &&
          !colleagues.some((operator) => operator.id === filters.assignee)
            ? [{ id: filters.assignee, label: t("tickets.thatOperator") }]
            : []),
        ]}
        onChange={choice("assignee")}
      />
      {service && (
        <ProcessingTypeChoice
          serviceId={service.id}
          defaultLanguage={service.defaultLanguage}
          label={t("tickets.processingType")}
          noneLabel={t("tickets.anyType")}
          value={filters.processingTypeId ?? null}
          onChange={(processingTypeId) => setFilters({ processingTypeId: processingTypeId ?? "" })}
          offerRetired
        />
      )}
    </div>
  );
}
