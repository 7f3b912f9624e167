import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { AuditEntry, AuditResponse } from "../../shared/api";
import { requestJson } from "../../shared/http";
import { useServices } from "../admin/AdminLayout";
import { loadFailedKey } from "../app/load-failed";
import { Picker } from "../app/Picker";
import { useFormats } from "../i18n/formats";
import { ChangeList, subjectName } from "./ChangeList";

const ALL = "all";

/** The start of a day picked in a date input, in this browser's time zone, as the API takes it. */
const startOf = (day: string, plusDays = 0) => {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
};

/** Who changed what and when, newest first: by service and period, a page at a time. */
export function AuditScreen() {
  const { t } = useTranslation();
  const formats = useFormats();
  const services = useServices();
  const [serviceId, setServiceId] = useState(ALL);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const changes = useInfiniteQuery({
    queryKey: ["audit", serviceId, from, to],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: "50" });
      if (serviceId !== ALL) query.set("serviceId", serviceId);
      if (from) query.set("from", startOf(from));
      // The "to" day is included: up to the start of the next.
      if (to) query.set("to", startOf(to, 1));
      if (pageParam) query.set("cursor", pageParam);
      return requestJson<AuditResponse>(`/api/audit?${query}`);
    },
    getNextPageParam: (page) => page.next,
  });
  const entries = changes.data?.pages.flatMap((page) => page.changes) ?? [];
  const names = Object.assign({}, ...(changes.data?.pages.map((page) => page.names) ?? []));

  return (
    <section className="admin-screen wide" aria-labelledby="audit-title">
      <h2 id="audit-title">{t("audit.title")}</h2>
      <p className="lead">{t("audit.lead")}</p>
      <div className="filters">
        <Picker
          className="picker-field"
          label={t("audit.service")}
          value={serviceId}
          options={[
            { id: ALL, label: t("audit.allServices") },
            ...(services.data?.services ?? []).map((service) => ({
              id: service.id,
              label: service.name,
            })),
          ]}
          onChange={setServiceId}
        />
        <label className="field date-field">
          <span className="field-label">{t("audit.from")}</span>
          <input
            type="date"
            value={from}
            max={to || undefined}
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label className="field date-field">
          <span className="field-label">{t("audit.to")}</span>
          <input
            type="date"
            value={to}
            min={from || undefined}
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
      </div>
      {changes.isPending ? (
        <p className="muted">{t("app.loading")}</p>
      ) : changes.isError ? (
        <p role="alert" className="problem">
          {t(loadFailedKey(changes.error))}
        </p>
      ) : entries.length === 0 ? (
        <p className="empty-state">{t("audit.empty")}</p>
      ) : (
        <table className="admin-table audit-table">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="nowrap">
                  <time dateTime={entry.at}>{formats.dateTime(entry.at)}</time>
                </td>
                <td data-label={t("audit.who")}>{entry.actor?.name ?? t("audit.system")}</td>
                <td data-label={t("audit.what")}>
                  <WhatChanged entry={entry} names={names} />
                </td>
                <td data-label={t("audit.changes")}>
                  <ChangeList entry={entry} names={names} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {changes.hasNextPage && (
        <Button onPress={() => changes.fetchNextPage()} isDisabled={changes.isFetchingNextPage}>
          {changes.isFetchingNextPage ? t("audit.loadingOlder") : t("audit.older")}
        </Button>
      )}
    </section>
  );
}

function WhatChanged({ entry, names }: { entry: AuditEntry; names: AuditResponse["names"] }) {
  const { t, i18n } = useTranslation();
  const name = subjectName(entry, names, t, i18n.resolvedLanguage ?? "en");
  return (
    <div>
      <span className="audit-subject">
        {t(`audit.subject.${entry.subject}`)} ·{" "}
        {t(`audit.action.${entry.action}`, { defaultValue: entry.action })}
      </span>
      {name && <span className="audit-name">{name}</span>}
      <span className="muted audit-service">{entry.service?.name ?? t("audit.installation")}</span>
    </div>
  );
}
