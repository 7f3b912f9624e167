/** The statistics' numbers, times and period names in the operator's language. */
import { useTranslation } from "react-i18next";
import type { StatisticsGranularity } from "../../shared/statistics";

export function useStatisticsWords() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const number = new Intl.NumberFormat(language);
  const average = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 });
  // Period names are calendar days: formatted as UTC midnights, so no zone moves them.
  const day = new Intl.DateTimeFormat(language, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const month = new Intl.DateTimeFormat(language, {
    year: "numeric",
    month: "long",
    timeZone: "UTC",
  });
  const weekday = new Intl.DateTimeFormat(language, { weekday: "long", timeZone: "UTC" });
  const weekdayShort = new Intl.DateTimeFormat(language, { weekday: "short", timeZone: "UTC" });
  const dateOf = (iso: string) => new Date(`${iso}T00:00:00Z`);
  return {
    count: (value: number) => number.format(value),
    average: (value: number | null) =>
      value === null ? t("statistics.none") : average.format(value),
    rate: (value: number | null) => (value === null ? t("statistics.none") : percent.format(value)),
    /** Whole seconds, as a person reads a wait: "45 s", "2 min 5 s", "1 h 20 min". */
    seconds(value: number | null): string {
      if (value === null) return t("statistics.none");
      const whole = Math.round(value);
      if (whole < 60) return t("statistics.seconds", { count: whole });
      if (whole < 3600) {
        return t("statistics.minutesSeconds", {
          minutes: Math.floor(whole / 60),
          seconds: whole % 60,
        });
      }
      return t("statistics.hoursMinutes", {
        hours: Math.floor(whole / 3600),
        minutes: Math.floor((whole % 3600) / 60),
      });
    },
    period(start: string, end: string, granularity: StatisticsGranularity): string {
      if (granularity === "day") return day.format(dateOf(start));
      if (granularity === "month" && start.slice(8) === "01") return month.format(dateOf(start));
      return day.formatRange(dateOf(start), dateOf(end));
    },
    hour: (hour: number) => `${hour}:00`,
    /** 1 is Monday, as ISO and the server count (1 January 2024 was a Monday). */
    weekday: (index: number) => weekday.format(Date.UTC(2024, 0, index)),
    weekdayShort: (index: number) => weekdayShort.format(Date.UTC(2024, 0, index)),
  };
}
export type StatisticsWords = ReturnType<typeof useStatisticsWords>;
