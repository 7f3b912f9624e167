/**
 * Business hours (PRODUCT.md, "Service management"): a weekly schedule in the service's time
 * zone, several intervals a day or none (closed), plus closed dates. Whether a service is open is
 * read from the wall clock of its zone (Intl), so a change to or from summer time needs no rule
 * of its own: an interval holds on the local times it names, a skipped hour never comes and a
 * repeated one counts twice. Free of zod, so that the console checks a draft with the same rules.
 */

import { wallClock } from "./wall-clock.js";

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

/** Local times "HH:MM"; an interval runs from `start` up to, not including, `end` ("24:00" is
 *  the end of the day). */
export interface OpeningInterval {
  start: string;
  end: string;
}

export interface BusinessHours {
  /** Off: the service is open whenever chat is on (no schedule). */
  enabled: boolean;
  /** A day without intervals is closed. */
  weekly: Record<Weekday, OpeningInterval[]>;
  /** Local dates "YYYY-MM-DD" the service is closed all day (holidays). */
  closedDates: string[];
}

export const MAX_INTERVALS_PER_DAY = 6;
export const MAX_CLOSED_DATES = 200;

export const alwaysOpen: BusinessHours = {
  enabled: false,
  weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  closedDates: [],
};

export const timePattern = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const datePattern = /^\d{4}-\d\d-\d\d$/;

/** Minutes since local midnight of "HH:MM". */
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A real calendar date in the form YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!datePattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export type ScheduleProblem = {
  /** Where in the schedule: "weekly.mon.1.end", "closedDates.0". */
  field: string;
  reason: "end_before_start" | "overlapping" | "invalid_format";
};

/** The first thing wrong with a schedule: a time that is not one, an interval that ends before it
 *  starts, one that overlaps another of its day, or a date that is not one. */
export function scheduleProblem(hours: Pick<BusinessHours, "weekly" | "closedDates">) {
  for (const day of weekdays) {
    const intervals = hours.weekly[day];
    for (const [index, interval] of intervals.entries()) {
      for (const end of ["start", "end"] as const) {
        if (!timePattern.test(interval[end])) {
          return { field: `weekly.${day}.${index}.${end}`, reason: "invalid_format" } as const;
        }
      }
      if (minutesOf(interval.end) <= minutesOf(interval.start)) {
        return { field: `weekly.${day}.${index}.end`, reason: "end_before_start" } as const;
      }
      const overlapped = intervals.some(
        (other, otherIndex) =>
          otherIndex < index &&
          minutesOf(other.start) < minutesOf(interval.end) &&
          minutesOf(interval.start) < minutesOf(other.end),
      );
      if (overlapped) {
        return { field: `weekly.${day}.${index}.start`, reason: "overlapping" } as const;
      }
    }
  }
  const bad = hours.closedDates.findIndex((date) => !isCalendarDate(date));
  if (bad >= 0) return { field: `closedDates.${bad}`, reason: "invalid_format" } as const;
  return null;
}

/** The wall clock of a time zone at an instant: its date, weekday and minutes since midnight. */
export function localTime(at: Date, timeZone: string) {
  const clock = wallClock(at, timeZone);
  return {
    date: `${clock.year}-${clock.month}-${clock.day}`,
    weekday: clock.weekday as Weekday,
    minutes: Number(clock.hour) * 60 + Number(clock.minute),
  };
}

/** Whether the service is open at an instant, read on its time zone's wall clock. */
export function isOpenAt(hours: BusinessHours, timeZone: string, at: Date): boolean {
  if (!hours.enabled) return true;
  const local = localTime(at, timeZone);
  if (hours.closedDates.includes(local.date)) return false;
  return hours.weekly[local.weekday].some(
    (interval) =>
      minutesOf(interval.start) <= local.minutes && local.minutes < minutesOf(interval.end),
  );
}
