/**
 * Dates, times and numbers as they are written in one language: the UI's language, never the
 * browser's default (an English console on a Japanese machine would otherwise mix in Japanese
 * dates). Formatters are built once per language: building one costs far more than using it.
 */
export interface Formats {
  /** Date and time, e.g. "Nov 25, 2026, 14:05" or "2026/11/25 14:05". */
  dateTime(iso: string): string;
  /** Hours and minutes, for messages of the day. */
  time(iso: string): string;
  number(value: number): string;
}

const cache = new Map<string, Formats>();

export function formatsFor(language: string): Formats {
  let formats = cache.get(language);
  if (!formats) {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });
    const time = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit" });
    const number = new Intl.NumberFormat(language);
    formats = {
      dateTime: (iso) => dateTime.format(new Date(iso)),
      time: (iso) => time.format(new Date(iso)),
      number: (value) => number.format(value),
    };
    cache.set(language, formats);
  }
  return formats;
}
