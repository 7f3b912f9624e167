/** Statistics' REST bodies (PRODUCT.md, "Statistics"): per service and period, in the service's
 *  time zone, the figures of the chats the history lists for the same conditions. */
import { z } from "zod";
import { nameComponents } from "./api.js";
import { processingTypeNames } from "./categories.js";
import { languages } from "./languages.js";

export const statisticsGranularities = ["day", "week", "month"] as const;
export type StatisticsGranularity = (typeof statisticsGranularities)[number];

/** The tables a statistics screen shows, each exported on its own. */
export const statisticsTables = [
  "periods",
  "hours",
  "weekdays",
  "operators",
  "processingTypes",
] as const;
export type StatisticsTable = (typeof statisticsTables)[number];

/** A service and a period of days in its time zone, both ends included (as the history's). The
 *  period's order and length are checked by the server, which names `to` and the limit. */
export const statisticsQuery = z.object({
  serviceId: z.uuid(),
  from: z.iso.date(),
  to: z.iso.date(),
  granularity: z.enum(statisticsGranularities).default("day"),
  /** The processing types' drill-down: the children of this type (absent: the top level). */
  processingTypeId: z.uuid().optional(),
});
export type StatisticsQuery = z.input<typeof statisticsQuery>;

export const statisticsExportQuery = statisticsQuery.extend({
  table: z.enum(statisticsTables),
  language: z.enum(languages).default("en"),
});

/** Seconds: the mean, the median and the 90th percentile (never a mean alone); null when no chat
 *  had one. Each chat's seconds are whole, as the history and its export show them. */
const seconds = z.object({
  mean: z.number().nullable(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
});

/** What every row of every table says about its chats. */
export const statisticsFigures = z.object({
  /** Chats requested (the history's count for the same conditions). */
  requested: z.number().int(),
  /** Opened and answered (PRODUCT.md); system messages are never a reply. */
  processed: z.number().int(),
  /** Unprocessed, as statistics call them: neverOpened + notAnswered. */
  abandoned: z.number().int(),
  neverOpened: z.number().int(),
  notAnswered: z.number().int(),
  /** processed / requested, 0–1; null without chats. */
  processingRate: z.number().nullable(),
  /** From the request to the first operator reply, over the chats that had one. */
  firstReply: seconds,
  /** From the request to the end of the conversation, over the chats that ended. */
  duration: seconds,
  satisfaction: z.object({
    rated: z.number().int(),
    average: z.number().nullable(),
    /** How many chats were rated 1, 2, 3, 4 and 5. */
    distribution: z.array(z.number().int()).length(5),
  }),
});
export type StatisticsFigures = z.infer<typeof statisticsFigures>;

/** An operator's share: `held` counts every chat they held at some time (the history's operator
 *  condition); the rest is credited to whoever held the chat when it happened (docs/decisions.md). */
export const operatorFigures = z.object({
  /** null: chats nobody was assigned (they waited in the queue until they ended). */
  operator: z.object({ id: z.string(), name: z.string() }).nullable(),
  held: z.number().int(),
  /** Answered first while they held it. */
  processed: z.number().int(),
  /** Unprocessed, and theirs when it ended (or now, still open). */
  abandoned: z.number().int(),
  neverOpened: z.number().int(),
  notAnswered: z.number().int(),
  /** The first reply waits of the chats credited as processed to them. */
  firstReply: seconds,
  /** Rated while they held it. */
  rated: z.number().int(),
  satisfaction: z.number().nullable(),
});
export type OperatorFigures = z.infer<typeof operatorFigures>;

export const statisticsResponse = z.object({
  service: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  from: z.string(),
  to: z.string(),
  granularity: z.enum(statisticsGranularities),
  total: statisticsFigures,
  /** Each day, week (from Monday) or month of the period, empty ones too; the first and the last
   *  are cut to the period. */
  periods: z.array(z.object({ start: z.string(), end: z.string(), figures: statisticsFigures })),
  /** Hours of the day 0–23 in the service's time zone, each summed over the period. */
  hours: z.array(z.object({ hour: z.number().int(), figures: statisticsFigures })),
  /** Weekdays 1 (Monday) to 7 (Sunday). */
  weekdays: z.array(z.object({ weekday: z.number().int(), figures: statisticsFigures })),
  operators: z.array(operatorFigures),
  /** The type drilled into, with its ancestors, top level first; empty at the top level. */
  processingTypePath: z.array(z.object({ id: z.string(), names: processingTypeNames })),
  /** Each child of that type (or each top-level type) with everything under it; `type` null: the
   *  chats classified as the drilled type itself, or at the top level, unclassified. */
  processingTypes: z.array(
    z.object({
      type: z
        .object({ id: z.string(), names: processingTypeNames, hasChildren: z.boolean() })
        .nullable(),
      figures: statisticsFigures,
    }),
  ),
});
export type StatisticsResponse = z.infer<typeof statisticsResponse>;

/** A table's .xlsx file, sent as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet. */
export const statisticsFile = z.string();

nameComponents([
  [statisticsFigures, "StatisticsFigures", "What statistics say about a set of chats"],
  [operatorFigures, "OperatorStatistics", "An operator's chats and what is credited to them"],
  [statisticsResponse, "Statistics", "A service's statistics for a period"],
  [statisticsFile, "StatisticsFile", "One statistics table as an .xlsx file's bytes"],
]);
