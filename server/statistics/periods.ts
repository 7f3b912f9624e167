/** The days, weeks (Monday to Sunday, as PostgreSQL's date_trunc counts them) or months of a
 *  period of days, each named by its first day (the key the database groups by) and cut to the
 *  period: an empty one is still a row of the table. */
import type { StatisticsGranularity } from "../../shared/statistics.js";

export interface Period {
  key: string;
  start: string;
  end: string;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The first day of the granularity's period holding the day (dates as UTC midnights). */
function startOf(day: number, granularity: StatisticsGranularity): number {
  const date = new Date(day);
  if (granularity === "month") return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  if (granularity === "week") return day - ((date.getUTCDay() + 6) % 7) * DAY;
  return day;
}

function nextAfter(start: number, granularity: StatisticsGranularity): number {
  const date = new Date(start);
  if (granularity === "month") return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return start + (granularity === "week" ? 7 : 1) * DAY;
}

export function periodsOf(from: string, to: string, granularity: StatisticsGranularity): Period[] {
  const first = Date.parse(from);
  const last = Date.parse(to);
  const periods: Period[] = [];
  for (let start = startOf(first, granularity); start <= last; ) {
    const next = nextAfter(start, granularity);
    periods.push({
      key: iso(start),
      start: iso(Math.max(start, first)),
      end: iso(Math.min(next - DAY, last)),
    });
    start = next;
  }
  return periods;
}
