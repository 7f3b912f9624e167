import { describe, expect, it } from "vitest";
import { wallClock } from "./wall-clock.js";

const references = new Map<string, Intl.DateTimeFormat>();

/** What Intl says for the instant itself: the reference the per-hour offsets must equal. */
function intlClock(at: Date, timeZone: string) {
  let reference = references.get(timeZone);
  if (!reference) {
    reference = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    references.set(timeZone, reference);
  }
  const parts = Object.fromEntries(
    reference
      .formatToParts(at)
      .flatMap((part) => (part.type === "literal" ? [] : [[part.type, part.value]])),
  );
  return { ...parts, weekday: String(parts.weekday).toLowerCase() };
}

describe("wallClock", () => {
  // Zones with whole-hour, half-hour (Lord Howe's summer time is 30 minutes) and 45-minute
  // offsets, north and south, with and without summer time.
  const zones = [
    "UTC",
    "Asia/Tokyo",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/St_Johns",
    "Asia/Kolkata",
  ];

  it("gives what Intl gives at every instant, across changes to and from summer time", () => {
    const differing: string[] = [];
    for (const timeZone of zones) {
      // Every 29 minutes 13 seconds (and some milliseconds) through 2026: a step in each hour,
      // the hours that change the offset included, at ever-changing minutes and seconds.
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 1_753_000) {
        const instant = new Date(at + (at % 997));
        const expected = JSON.stringify(intlClock(instant, timeZone));
        const actual = JSON.stringify(
          wallClock(instant, timeZone),
          Object.keys(JSON.parse(expected)),
        );
        if (actual !== expected) differing.push(`${timeZone} ${instant.toISOString()} ${actual}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it("reads each second of an hour that changes its offset", () => {
    // New York, 2026-03-08 02:00 local: 07:00 UTC becomes 03:00 EDT.
    const start = Date.UTC(2026, 2, 8, 6, 30);
    for (let at = start; at < start + 3_600_000; at += 1000) {
      expect(wallClock(new Date(at), "America/New_York")).toEqual(
        intlClock(new Date(at), "America/New_York"),
      );
    }
    expect(wallClock(new Date(Date.UTC(2026, 2, 8, 6, 59, 59)), "America/New_York").hour).toBe(
      "01",
    );
    expect(wallClock(new Date(Date.UTC(2026, 2, 8, 7)), "America/New_York").hour).toBe("03");
  });

  it("refuses an unknown time zone", () => {
    expect(() => wallClock(new Date(), "Mars/Olympus")).toThrow(RangeError);
  });
});
