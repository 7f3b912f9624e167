/** Statistics from the server: the service and period in the URL (a view can be shared and
 *  reloaded, as the history's search), the figures for them, and each table's export. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { requestJson } from "../../shared/http";
import type {
  StatisticsGranularity,
  StatisticsResponse,
  StatisticsTable,
} from "../../shared/statistics";

export interface StatisticsView {
  serviceId: string;
  from: string;
  to: string;
  granularity: StatisticsGranularity;
  processingTypeId?: string;
}

const DAY = 86_400_000;
/** A day as the date inputs and the API write it, on this browser's calendar. */
const localDate = (ms: number) => {
  const date = new Date(ms);
  return new Date(ms - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};

/** What the URL asks, else the last 30 days of the first service, by day. */
export function viewOf(params: URLSearchParams, firstServiceId: string | undefined) {
  const now = Date.now();
  const granularity = params.get("granularity");
  return {
    serviceId: params.get("serviceId") ?? firstServiceId ?? "",
    from: params.get("from") ?? localDate(now - 29 * DAY),
    to: params.get("to") ?? localDate(now),
    granularity: granularity === "week" || granularity === "month" ? granularity : ("day" as const),
    processingTypeId: params.get("processingTypeId") ?? undefined,
  } satisfies StatisticsView;
}

export function queryOf(view: StatisticsView): URLSearchParams {
  const query = new URLSearchParams({
    serviceId: view.serviceId,
    from: view.from,
    to: view.to,
    granularity: view.granularity,
  });
  if (view.processingTypeId) query.set("processingTypeId", view.processingTypeId);
  return query;
}

export function useStatistics(view: StatisticsView) {
  return useQuery({
    queryKey: ["statistics", view],
    queryFn: () => requestJson<StatisticsResponse>(`/api/statistics?${queryOf(view)}`),
    enabled: view.serviceId !== "",
    // The figures stay while another period loads, instead of flashing empty.
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The address of a table's .xlsx file (written by the server, as the history's export). */
export function exportUrl(view: StatisticsView, table: StatisticsTable, language: string) {
  const query = queryOf(view);
  query.set("table", table);
  query.set("language", language);
  return `/api/statistics/export?${query}`;
}
