/**
 * The wall clock of a time zone at an instant. Intl is asked for the zone's offset once per UTC
 * hour, not per instant: a new Intl.DateTimeFormat costs ~150 µs and holds ICU memory outside the
 * JS heap until it is collected, and formatToParts ~13 µs, which an export paid twice a row. The
 * hour's offset is read at its first and its last second; when they differ (the hour holds a
 * change to or from summer time) each instant of that hour is read on its own.
 */
export interface WallClock {
  year: string;
  month: string;
  day: string;
  /** "mon" … "sun". */
  weekday: string;
  hour: string;
  minute: string;
  second: string;
}

const HOUR_MS = 3_600_000;
/** Hours remembered per zone before the memory starts again (about eleven years of hours). */
const KEPT_HOURS = 100_000;
const weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

interface Zone {
  formatter: Intl.DateTimeFormat;
  /** UTC hour → the zone's offset in ms, or NaN when the offset changes within that hour. */
  offsets: Map<number, number>;
}
const zones = new Map<string, Zone>();

export function wallClock(at: Date, timeZone: string): WallClock {
  const local = new Date(at.getTime() + offsetAt(zoneOf(timeZone), at.getTime()));
  const two = (value: number) => String(value).padStart(2, "0");
  return {
    year: String(local.getUTCFullYear()).padStart(4, "0"),
    month: two(local.getUTCMonth() + 1),
    day: two(local.getUTCDate()),
    weekday: weekdayNames[local.getUTCDay()] as string,
    hour: two(local.getUTCHours()),
    minute: two(local.getUTCMinutes()),
    second: two(local.getUTCSeconds()),
  };
}

function zoneOf(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) {
    // Throws a RangeError for an unknown zone before anything is kept.
    const formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    zone = { formatter, offsets: new Map() };
    zones.set(timeZone, zone);
  }
  return zone;
}

function offsetAt(zone: Zone, at: number): number {
  const hour = Math.floor(at / HOUR_MS);
  let offset = zone.offsets.get(hour);
  if (offset === undefined) {
    const first = readOffset(zone.formatter, hour * HOUR_MS);
    const last = readOffset(zone.formatter, (hour + 1) * HOUR_MS - 1000);
    offset = first === last ? first : Number.NaN;
    if (zone.offsets.size >= KEPT_HOURS) zone.offsets.clear();
    zone.offsets.set(hour, offset);
  }
  return Number.isNaN(offset) ? readOffset(zone.formatter, at) : offset;
}

/** The zone's offset at an instant, from the wall clock Intl gives (whole seconds). */
function readOffset(formatter: Intl.DateTimeFormat, at: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(at)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  return wall - (at - (((at % 1000) + 1000) % 1000));
}
