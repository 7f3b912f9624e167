/**
 * Statistics (PRODUCT.md, "Statistics"): a service's chats of a period, counted and timed in the
 * service's time zone, over exactly the chats the history lists for the same service and period
 * (`listedChats`, chat history's own conditions): the figures agree with the list by construction.
 * Statistics owns no table: it aggregates what chats/ lists and credits operators through
 * assignment/'s record of who held each chat.
 */
import { type SQL, sql } from "drizzle-orm";
import { MAX_STATISTICS_DAYS } from "../../shared/limits.js";
import type {
  OperatorFigures,
  StatisticsFigures,
  StatisticsGranularity,
  StatisticsResponse,
} from "../../shared/statistics.js";
import { holderAt, operatorsWhoHeld } from "../assignment/assignment.js";
import { listProcessingTypes, type ProcessingTypeRow } from "../categories/categories.js";
import { listedChats } from "../chats/history.js";
import { mayViewRecord } from "../chats/policy.js";
import type { Database } from "../db/client.js";
import { invalidField, notFound } from "../errors.js";
import { type OperatorRow, operatorNames } from "../operators/operators.js";
import { listServicesFor, loadService } from "../services/services.js";
import { periodsOf } from "./periods.js";

export interface StatisticsRequest {
  serviceId: string;
  from: string;
  to: string;
  granularity: StatisticsGranularity;
  processingTypeId?: string;
}

export async function serviceStatistics(
  db: Database,
  operator: OperatorRow,
  request: StatisticsRequest,
): Promise<StatisticsResponse> {
  const service = await loadService(db, request.serviceId);
  const memberOf = operator.role === "administrator" ? [] : await listServicesFor(db, operator);
  // Whoever may read the service's chat records may read their statistics (chats/policy.ts).
  if (!service || !mayViewRecord(operator, { serviceId: service.id }, memberOf)) {
    throw notFound("service_not_found", "service");
  }
  checkPeriod(request.from, request.to);
  const types = typeBuckets(await listProcessingTypes(db, service.id), request.processingTypeId);
  const listed = sql`with listed as (${listedChats(db, {
    conditions: { serviceId: service.id, from: request.from, to: request.to },
  })})`;
  const [grouped, credited] = await Promise.all([
    groupedFigures(db, listed, service.timeZone, request.granularity, types),
    operatorCredits(db, listed),
  ]);
  const names = await operatorNames(
    db,
    credited.flatMap((row) => row.operatorId ?? []),
  );
  const empty = figuresOf(undefined);
  const byKey = (set: string) =>
    new Map(grouped.filter((row) => row.set === set).map((row) => [row.key, figuresOf(row)]));
  const periods = byKey("period");
  const hours = byKey("hour");
  const weekdays = byKey("weekday");
  const buckets = byKey("bucket");
  return {
    service: { id: service.id, name: service.name, timeZone: service.timeZone },
    from: request.from,
    to: request.to,
    granularity: request.granularity,
    total: byKey("total").get("") ?? empty,
    periods: periodsOf(request.from, request.to, request.granularity).map((period) => ({
      ...period,
      figures: periods.get(period.key) ?? empty,
    })),
    hours: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      figures: hours.get(String(hour)) ?? empty,
    })),
    weekdays: Array.from({ length: 7 }, (_, index) => ({
      weekday: index + 1,
      figures: weekdays.get(String(index + 1)) ?? empty,
    })),
    operators: credited
      .map((row) => presentOperator(row, names))
      .sort(
        (a, b) =>
          Number(a.operator === null) - Number(b.operator === null) ||
          (a.operator?.name ?? "").localeCompare(b.operator?.name ?? ""),
      ),
    processingTypePath: types.path.map((type) => ({ id: type.id, names: type.names })),
    processingTypes: [
      ...types.children.map((type) => ({
        type: { id: type.id, names: type.names, hasChildren: types.parents.has(type.id) },
        figures: buckets.get(type.id) ?? empty,
      })),
      // The drilled type's own chats, or at the top level the unclassified ones, when any.
      ...[buckets.get(OWN)].flatMap((figures) => (figures ? [{ type: null, figures }] : [])),
    ],
  };
}

/** Both ends are days in the service's zone; the period is at most MAX_STATISTICS_DAYS long. */
function checkPeriod(from: string, to: string) {
  if (to < from) {
    throw invalidField({ field: "to", reason: "end_before_start" }, "must not be before from");
  }
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > MAX_STATISTICS_DAYS) {
    throw invalidField(
      { field: "to", reason: "period_too_long", limit: MAX_STATISTICS_DAYS },
      `a period covers at most ${MAX_STATISTICS_DAYS} days; this one has ${days}`,
    );
  }
}

/** The processing types' table's rows: the children of the drilled type (or the top level) and
 *  for every type under them the child it counts toward. OWN stands for the drilled type's own
 *  chats, or at the top level the chats without a type. */
const OWN = "own";
function typeBuckets(tree: ProcessingTypeRow[], drilled: string | undefined) {
  const byId = new Map(tree.map((type) => [type.id, type]));
  const parent = drilled ? byId.get(drilled) : undefined;
  if (drilled && !parent) throw notFound("processing_type_not_found", "processing type");
  const path: ProcessingTypeRow[] = [];
  for (let type = parent; type; type = type.parentId ? byId.get(type.parentId) : undefined) {
    path.unshift(type);
  }
  const children = tree.filter((type) => type.parentId === (drilled ?? null));
  const bucketOf = new Map<string, string>(drilled ? [[drilled, OWN]] : []);
  for (const type of tree) {
    for (let up: ProcessingTypeRow | undefined = type; up; up = byId.get(up.parentId ?? "")) {
      if (up.parentId === (drilled ?? null)) {
        bucketOf.set(type.id, up.id);
        break;
      }
    }
  }
  return {
    path,
    children,
    parents: new Set(tree.flatMap((type) => type.parentId ?? [])),
    typeIds: [...bucketOf.keys()],
    bucketIds: [...bucketOf.values()],
    unclassified: drilled ? null : OWN,
  };
}

interface GroupedRow extends Record<string, unknown> {
  set: "total" | "period" | "hour" | "weekday" | "bucket";
  key: string;
}

/** One pass over the listed chats, grouped five ways at once: the whole period, each period of
 *  the granularity, each hour, each weekday (all in the service's zone) and each type bucket. */
async function groupedFigures(
  db: Database,
  listed: SQL,
  timeZone: string,
  granularity: StatisticsGranularity,
  types: ReturnType<typeof typeBuckets>,
): Promise<GroupedRow[]> {
  const result = await db.execute(sql`
    ${listed},
    placed as (
      select listed.*, local,
        to_char(date_trunc(${granularity}, local), 'YYYY-MM-DD') as period,
        extract(hour from local)::int as hour,
        extract(isodow from local)::int as weekday,
        coalesce(
          (${sql.param(types.bucketIds)}::text[])[
            array_position(${sql.param(types.typeIds)}::uuid[], processing_type_id)],
          case when processing_type_id is null then ${types.unclassified}::text end
        ) as bucket
      from listed, lateral (select requested_at at time zone ${timeZone} as local) as zoned
    )
    select
      case grouping(period, hour, weekday, bucket)
        when 15 then 'total' when 7 then 'period' when 11 then 'hour' when 13 then 'weekday'
        else 'bucket' end as set,
      coalesce(period, hour::text, weekday::text, bucket, '') as key,
      ${figureColumns}
    from placed
    group by grouping sets ((), (period), (hour), (weekday), (bucket))`);
  // Chats outside the drilled type have no bucket: their group is no row of the table.
  return (result as unknown as { rows: GroupedRow[] }).rows.filter(
    (row) => row.set !== "bucket" || row.key !== "",
  );
}

const percentiles = (column: string) =>
  sql.raw(`
  avg(${column})::float8 as ${column}_mean,
  percentile_cont(0.5) within group (order by ${column}) as ${column}_median,
  percentile_cont(0.9) within group (order by ${column}) as ${column}_p90`);

const figureColumns = sql`
  count(*)::int as requested,
  count(*) filter (where processed)::int as processed,
  count(*) filter (where never_opened)::int as never_opened,
  count(*) filter (where not_answered)::int as not_answered,
  ${percentiles("first_reply_seconds")},
  ${percentiles("duration_seconds")},
  count(rating)::int as rated,
  avg(rating)::float8 as rating_mean,
  array[count(*) filter (where rating = 1), count(*) filter (where rating = 2),
    count(*) filter (where rating = 3), count(*) filter (where rating = 4),
    count(*) filter (where rating = 5)]::int[] as ratings`;

function figuresOf(row: Record<string, unknown> | undefined): StatisticsFigures {
  const number = (name: string) => (row?.[name] ?? 0) as number;
  const maybe = (name: string) => (row?.[name] ?? null) as number | null;
  const seconds = (column: string) => ({
    mean: maybe(`${column}_mean`),
    median: maybe(`${column}_median`),
    p90: maybe(`${column}_p90`),
  });
  const requested = number("requested");
  const neverOpened = number("never_opened");
  const notAnswered = number("not_answered");
  return {
    requested,
    processed: number("processed"),
    abandoned: neverOpened + notAnswered,
    neverOpened,
    notAnswered,
    processingRate: requested > 0 ? number("processed") / requested : null,
    firstReply: seconds("first_reply_seconds"),
    duration: seconds("duration_seconds"),
    satisfaction: {
      rated: number("rated"),
      average: maybe("rating_mean"),
      distribution: (row?.ratings as number[] | undefined) ?? [0, 0, 0, 0, 0],
    },
  };
}

interface CreditRow extends Record<string, unknown> {
  operatorId: string | null;
}

/**
 * Each operator's share (docs/decisions.md): the chats they held at some time, and each event
 * credited to whoever held the chat when it happened: the first reply, the end of an unprocessed
 * chat (or now, while it is open), the rating. A chat nobody held is credited to nobody (null).
 */
async function operatorCredits(db: Database, listed: SQL): Promise<CreditRow[]> {
  const result = await db.execute(sql`
    ${listed},
    credits as (
      select held.operator_id, 'held' as kind, null::int as first_reply_seconds, null::int as rating
      from listed cross join lateral ${operatorsWhoHeld(sql`listed.id`)} as held
      union all
      select ${holderAt(sql`listed.id`, sql`listed.first_reply_at`)}, 'processed',
        first_reply_seconds, null
      from listed where processed
      union all
      select ${holderAt(sql`listed.id`, sql`listed.ended_at`)},
        case when never_opened then 'never_opened' else 'not_answered' end, null, null
      from listed where not processed
      union all
      select ${holderAt(sql`listed.id`, sql`listed.rated_at`)}, 'rated', null, rating
      from listed where rating is not null
    )
    select operator_id as "operatorId",
      count(*) filter (where kind = 'held')::int as held,
      count(*) filter (where kind = 'processed')::int as processed,
      count(*) filter (where kind = 'never_opened')::int as never_opened,
      count(*) filter (where kind = 'not_answered')::int as not_answered,
      ${percentiles("first_reply_seconds")},
      count(rating)::int as rated,
      avg(rating)::float8 as rating_mean
    from credits group by operator_id`);
  return (result as unknown as { rows: CreditRow[] }).rows;
}

function presentOperator(row: CreditRow, names: Map<string, string>): OperatorFigures {
  const figures = figuresOf(row);
  return {
    operator: row.operatorId ? { id: row.operatorId, name: names.get(row.operatorId) ?? "" } : null,
    held: row.held as number,
    processed: figures.processed,
    abandoned: figures.abandoned,
    neverOpened: figures.neverOpened,
    notAnswered: figures.notAnswered,
    firstReply: figures.firstReply,
    rated: figures.satisfaction.rated,
    satisfaction: figures.satisfaction.average,
  };
}
