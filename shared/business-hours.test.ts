import { describe, expect, it } from "vitest";
import { alwaysOpen, type BusinessHours, isOpenAt, scheduleProblem } from "./business-hours.js";

const weekdaysNineToSix: BusinessHours = {
  enabled: true,
  weekly: {
    ...alwaysOpen.weekly,
    mon: [
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "18:00" },
    ],
    tue: [{ start: "09:00", end: "18:00" }],
    sun: [
      { start: "01:00", end: "02:00" },
      { start: "02:30", end: "03:30" },
    ],
  },
  closedDates: ["2026-12-31"],
};

const at = (iso: string) => new Date(iso);

describe("whether a service is open", () => {
  it("is always open without a schedule", () => {
    expect(isOpenAt(alwaysOpen, "Asia/Tokyo", at("2026-12-06T20:00:00Z"))).toBe(true);
  });

  it("reads the schedule on the service's own clock, with several intervals a day", () => {
    // Monday 2026-12-07 in Tokyo (UTC+9).
    expect(isOpenAt(weekdaysNineToSix, "Asia/Tokyo", at("2026-12-07T00:00:00Z"))).toBe(true);
    expect(isOpenAt(weekdaysNineToSix, "Asia/Tokyo", at("2026-12-07T03:30:00Z"))).toBe(false);
    expect(isOpenAt(weekdaysNineToSix, "Asia/Tokyo", at("2026-12-07T04:00:00Z"))).toBe(true);
    // 18:00 is the end: closed from then on.
    expect(isOpenAt(weekdaysNineToSix, "Asia/Tokyo", at("2026-12-07T09:00:00Z"))).toBe(false);
    // The same instant is Sunday evening in New York: closed.
    expect(isOpenAt(weekdaysNineToSix, "America/New_York", at("2026-12-07T00:00:00Z"))).toBe(false);
    // Wednesday has no intervals: closed all day.
    expect(isOpenAt(weekdaysNineToSix, "UTC", at("2026-12-09T10:00:00Z"))).toBe(false);
  });

  it("is closed on a closed date of its time zone, whatever the weekday says", () => {
    // Thursday 2026-12-31 has no hours anyway; Tuesday 2026-12-29 does and stays open.
    const tuesdayClosed = { ...weekdaysNineToSix, closedDates: ["2026-12-29"] };
    expect(isOpenAt(weekdaysNineToSix, "UTC", at("2026-12-29T10:00:00Z"))).toBe(true);
    expect(isOpenAt(tuesdayClosed, "UTC", at("2026-12-29T10:00:00Z"))).toBe(false);
    // 2026-12-29 01:00 in Tokyo is still 12-28 (Monday) in UTC: the zone's date counts.
    expect(isOpenAt(tuesdayClosed, "Asia/Tokyo", at("2026-12-28T16:00:00Z"))).toBe(false);
  });

  it("follows the local clock across the start of summer time", () => {
    // New York, Monday 2026-03-09, the day after clocks went forward: 13:30 UTC is 09:30 EDT.
    expect(isOpenAt(weekdaysNineToSix, "America/New_York", at("2026-03-09T13:30:00Z"))).toBe(true);
    // A week before, 13:30 UTC was 08:30 EST: not yet open.
    expect(isOpenAt(weekdaysNineToSix, "America/New_York", at("2026-03-02T13:30:00Z"))).toBe(false);
    // Sunday 2026-03-08: 02:00–03:00 does not exist; 01:59 EST is open, 03:00 EDT (07:00 UTC)
    // is inside 02:30–03:30, the instant after 01:59:59 EST.
    expect(isOpenAt(weekdaysNineToSix, "America/New_York", at("2026-03-08T06:59:00Z"))).toBe(true);
    expect(isOpenAt(weekdaysNineToSix, "America/New_York", at("2026-03-08T07:00:00Z"))).toBe(true);
    expect(isOpenAt(weekdaysNineToSix, "America/New_York", at("2026-03-08T07:30:00Z"))).toBe(false);
  });

  it("counts a repeated hour twice when summer time ends", () => {
    // Sunday 2026-11-01 in New York: 01:00–02:00 happens in EDT (05:xx UTC) and again in EST
    // (06:xx UTC); both are open, and 02:00 EST (07:00 UTC) is not.
    expect(isOpenAt(weekdaysNineToSix, "America/New_York", at("2026-11-01T05:30:00Z"))).toBe(true);
    expect(isOpenAt(weekdaysNineToSix, "America/New_York", at("2026-11-01T06:30:00Z"))).toBe(true);
    expect(isOpenAt(weekdaysNineToSix, "America/New_York", at("2026-11-01T07:00:00Z"))).toBe(false);
  });
});

describe("what is wrong with a schedule", () => {
  const monday = (...intervals: { start: string; end: string }[]) => ({
    weekly: { ...alwaysOpen.weekly, mon: intervals },
    closedDates: [],
  });

  it("names an interval that ends before it starts", () => {
    expect(scheduleProblem(monday({ start: "18:00", end: "09:00" }))).toEqual({
      field: "weekly.mon.0.end",
      reason: "end_before_start",
    });
    expect(scheduleProblem(monday({ start: "09:00", end: "09:00" }))?.reason).toBe(
      "end_before_start",
    );
  });

  it("names an interval that overlaps another of its day; touching ones are fine", () => {
    expect(
      scheduleProblem(monday({ start: "09:00", end: "12:00" }, { start: "11:00", end: "13:00" })),
    ).toEqual({ field: "weekly.mon.1.start", reason: "overlapping" });
    expect(
      scheduleProblem(monday({ start: "09:00", end: "12:00" }, { start: "12:00", end: "24:00" })),
    ).toBeNull();
  });

  it("names a time or a date that is not one", () => {
    expect(scheduleProblem(monday({ start: "9:00", end: "12:00" }))?.field).toBe(
      "weekly.mon.0.start",
    );
    expect(scheduleProblem({ ...monday(), closedDates: ["2026-02-30"] })).toEqual({
      field: "closedDates.0",
      reason: "invalid_format",
    });
  });
});
