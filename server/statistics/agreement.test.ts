/**
 * Statistics agree with the chat history (issue 13): chats of every kind (processed, never
 * opened, opened and never answered, rated, transferred, classified at each level, still open),
 * requested on both sides of midnight in two services' time zones (Tokyo, and Los Angeles across
 * its change to daylight saving time), and every figure checked against what the history search
 * returns for the same conditions. The expected days and hours are worked out here with Intl,
 * never with the database, so a day taken in UTC fails.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryChat } from "../../shared/history.js";
import type { StatisticsFigures, StatisticsResponse } from "../../shared/statistics.js";
import type { ServiceRow } from "../services/services.js";
import { buildOperator, buildService, call, type TestOperator } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { buildPastChat, buildProcessingType, type PastChat } from "../test/past-chats.js";
import { services } from "../test/tables.js";

let server: TestServer;
let lead: TestOperator;
beforeAll(async () => {
  server = await startTestServer();
  lead = await buildOperator(server, { role: "administrator", name: "Lead" });
});
afterAll(() => server.close());
const db = () => server.app.context.db;

/** The UTC instant of a wall-clock time in a zone (a time that does not exist there, in a
 *  spring-forward gap, comes out an hour later, as a clock would show it). */
function wallClock(zone: string, local: string): Date {
  const wanted = Date.parse(`${local}Z`);
  let guess = wanted;
  for (let round = 0; round < 2; round++) guess = wanted - offsetOf(zone, guess);
  return new Date(guess);
}

function offsetOf(zone: string, at: number): number {
  const parts = localParts(zone, new Date(at));
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - at;
}

function localParts(zone: string, at: Date) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    weekday: "short",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: string) => parts.find((each) => each.type === type)?.value ?? "";
  const pad = (value: string) => value.padStart(2, "0");
  return {
    year: Number(part("year")),
    month: Number(part("month")),
    day: Number(part("day")),
    hour: Number(part("hour")),
    minute: Number(part("minute")),
    date: `${part("year")}-${pad(part("month"))}-${pad(part("day"))}`,
    weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(part("weekday")) + 1,
  };
}

/** PostgreSQL's percentile_cont: linear between the two nearest of the sorted values. */
function percentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (position - below);
}

function timesOf(values: number[]) {
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  return { mean, median: percentile(values, 0.5), p90: percentile(values, 0.9) };
}

const closeTo = (actual: { mean: number | null; median: number | null; p90: number | null }) => ({
  mean: actual.mean === null ? null : expect.closeTo(actual.mean, 6),
  median: actual.median === null ? null : expect.closeTo(actual.median, 6),
  p90: actual.p90 === null ? null : expect.closeTo(actual.p90, 6),
});

interface World {
  service: ServiceRow;
  zone: string;
  from: string;
  to: string;
  alice: TestOperator;
  bob: TestOperator;
  types: { orders: string; delivery: string; late: string; billing: string };
  /** Each chat built: what the test knows about it, not what the database says. */
  chats: Array<PastChat & { id: string; creditedReply?: string; creditedEnd?: string }>;
}

/** The kinds of chat, each at a moment of the day: every kind falls on several days and hours. */
const kinds: Array<(world: World) => Partial<PastChat> & { credit?: "alice" | "bob" }> = [
  // Processed, rated, closed: Alice answers after 90 s.
  (w) => ({
    holders: [w.alice.id],
    openedAfter: 0.5,
    repliedAfter: 1.5,
    rating: 5,
    minutes: 12,
    processingTypeId: w.types.late,
  }),
  // Never opened: it waited in the queue and the customer left.
  () => ({ customerEndedAfter: 4 }),
  // Never opened although assigned to Bob.
  (w) => ({ holders: [w.bob.id], minutes: 3, processingTypeId: w.types.billing }),
  // Opened by Alice, never answered (only the greeting), rated 1.
  (w) => ({ holders: [w.alice.id], openedAfter: 0.2, rating: 1, minutes: 6 }),
  // Transferred from Alice to Bob at 2 min; Bob answers at 3 min: Bob's reply. Rated 4 by then.
  (w) => ({
    holders: [w.alice.id, w.bob.id],
    heldFrom: [0, 2],
    openedAfter: 0.5,
    repliedAfter: 3,
    rating: 4,
    ratedAfter: 9,
    minutes: 10,
    processingTypeId: w.types.delivery,
  }),
  // Alice answers at 40 s, then transfers to Bob, who ends it: Alice's reply.
  (w) => ({
    holders: [w.alice.id, w.bob.id],
    heldFrom: [0, 5],
    openedAfter: 0.3,
    repliedAfter: 0.7,
    minutes: 25,
    processingTypeId: w.types.orders,
  }),
  // Bob answers and it goes on: processed, no duration yet.
  (w) => ({ holders: [w.bob.id], openedAfter: 1, repliedAfter: 4, rating: 3 }),
];

/** Local wall-clock times around midnight and in the day, on four days. */
const moments = ["00:05", "07:40", "12:00", "23:10", "23:55"];

async function buildWorld(zone: string, days: string[]): Promise<World> {
  const service = await buildService(server, { name: `Shop ${zone}` });
  await db().update(services).set({ timeZone: zone }).where(eq(services.id, service.id));
  const alice = await buildOperator(server, { services: [service], name: "Alice" });
  const bob = await buildOperator(server, { services: [service], name: "Bob" });
  const orders = await buildProcessingType(db(), service.id, "Orders");
  const delivery = await buildProcessingType(db(), service.id, "Delivery", orders);
  const late = await buildProcessingType(db(), service.id, "Late", delivery);
  const billing = await buildProcessingType(db(), service.id, "Billing");
  const world: World = {
    service,
    zone,
    from: days[0] as string,
    to: days.at(-1) as string,
    alice,
    bob,
    types: { orders: orders.id, delivery: delivery.id, late: late.id, billing: billing.id },
    chats: [],
  };
  let index = 0;
  for (const day of days) {
    for (const moment of moments) {
      // Rotating the kinds over the moments puts every kind at several hours and days.
      const kind = kinds[index % kinds.length] as (typeof kinds)[number];
      index++;
      const chat: PastChat = {
        serviceId: service.id,
        requestedAt: wallClock(zone, `${day}T${moment}:00`),
        ...kind(world),
      };
      world.chats.push({ ...chat, id: await buildPastChat(db(), chat) });
    }
  }
  // A minute before the period and a second after it: chats the period must not count.
  const before = wallClock(zone, `${world.from}T00:00:00`).getTime() - 60_000;
  const after = wallClock(zone, `${world.to}T23:59:59`).getTime() + 1_000;
  for (const at of [before, after]) {
    await buildPastChat(db(), { serviceId: service.id, requestedAt: new Date(at) });
  }
  return world;
}

async function statistics(query: Record<string, string>): Promise<StatisticsResponse> {
  const response = await call(server, "GET", `/api/statistics?${new URLSearchParams(query)}`, {
    cookie: lead.cookie,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as StatisticsResponse;
}

/** Every chat the history lists for the conditions, all pages. */
async function history(conditions: Record<string, string>): Promise<HistoryChat[]> {
  const found: HistoryChat[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({
      ...conditions,
      limit: "100",
      ...(cursor ? { cursor } : {}),
    });
    const response = await call(server, "GET", `/api/history/chats?${query}`, {
      cookie: lead.cookie,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const page = response.body as { chats: HistoryChat[]; next: string | null };
    found.push(...page.chats);
    cursor = page.next;
  } while (cursor);
  return found;
}

/** The figures the history gives for a set of conditions: one search per status, the ratings
 *  and the times from the rows it lists. */
async function figuresFromHistory(conditions: Record<string, string>) {
  const count = async (extra: Record<string, string>) =>
    (await history({ ...conditions, ...extra })).length;
  const listed = await history(conditions);
  const ratings = listed.flatMap((chat) => chat.rating ?? []);
  return {
    requested: listed.length,
    processed: await count({ status: "processed" }),
    abandoned: await count({ status: "unprocessed" }),
    neverOpened: await count({ status: "never_opened" }),
    notAnswered: await count({ status: "not_answered" }),
    duration: closeTo(timesOf(listed.flatMap((chat) => chat.durationSeconds ?? []))),
    satisfaction: {
      rated: ratings.length,
      average:
        ratings.length === 0
          ? null
          : expect.closeTo(ratings.reduce((a, b) => a + b, 0) / ratings.length, 6),
      distribution: [1, 2, 3, 4, 5].map((score) => ratings.filter((r) => r === score).length),
    },
  };
}

function countsOf(figures: StatisticsFigures) {
  const { requested, processed, abandoned, neverOpened, notAnswered, duration, satisfaction } =
    figures;
  return { requested, processed, abandoned, neverOpened, notAnswered, duration, satisfaction };
}

describe.each([
  ["Asia/Tokyo", ["2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"]],
  // Los Angeles moves its clocks forward at 02:00 on 8 March 2026: that day has 23 hours.
  ["America/Los_Angeles", ["2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"]],
])("in %s", (zone, days) => {
  let world: World;
  let answer: StatisticsResponse;
  let period: Record<string, string>;
  beforeAll(async () => {
    world = await buildWorld(zone, days);
    period = { serviceId: world.service.id, from: world.from, to: world.to };
    answer = await statistics(period);
  });

  it("counts the whole period as the history lists it", async () => {
    expect(answer.total.requested).toBe(world.chats.length);
    expect(countsOf(answer.total)).toEqual(await figuresFromHistory(period));
    expect(answer.total.processingRate).toBeCloseTo(
      answer.total.processed / answer.total.requested,
    );
  });

  it("puts each chat on its day in the service's time zone, as the history's period does", async () => {
    const expected = new Map<string, number>();
    for (const chat of world.chats) {
      const day = localParts(zone, chat.requestedAt).date;
      expected.set(day, (expected.get(day) ?? 0) + 1);
    }
    expect(answer.periods.map((row) => row.start)).toEqual(days);
    for (const row of answer.periods) {
      expect(row.figures.requested, row.start).toBe(expected.get(row.start) ?? 0);
      expect(countsOf(row.figures), row.start).toEqual(
        await figuresFromHistory({ ...period, from: row.start, to: row.end }),
      );
    }
  });

  it("groups by week and by month on the same days", async () => {
    for (const granularity of ["week", "month"]) {
      const grouped = await statistics({ ...period, granularity });
      expect(grouped.periods.reduce((sum, row) => sum + row.figures.requested, 0)).toBe(
        world.chats.length,
      );
      for (const row of grouped.periods) {
        expect(countsOf(row.figures), `${granularity} ${row.start}`).toEqual(
          await figuresFromHistory({ ...period, from: row.start, to: row.end }),
        );
      }
    }
  });

  it("counts each hour of the day and each weekday on the service's clock", async () => {
    const listed = await history(period);
    const processed = new Set((await history({ ...period, status: "processed" })).map((c) => c.id));
    for (const row of answer.hours) {
      const inHour = listed.filter(
        (chat) => localParts(zone, new Date(chat.requestedAt)).hour === row.hour,
      );
      expect([row.figures.requested, row.figures.processed], `hour ${row.hour}`).toEqual([
        inHour.length,
        inHour.filter((chat) => processed.has(chat.id)).length,
      ]);
    }
    for (const row of answer.weekdays) {
      const onDay = listed.filter(
        (chat) => localParts(zone, new Date(chat.requestedAt)).weekday === row.weekday,
      );
      expect(row.figures.requested, `weekday ${row.weekday}`).toBe(onDay.length);
    }
    // The chats at 23:55 are on the evening's hour, not on the next morning's as in UTC.
    expect(answer.hours[23]?.figures.requested).toBe(days.length * 2);
  });

  it("times the first reply over the chats that had one, in whole seconds", () => {
    const waits = world.chats.flatMap((chat) =>
      chat.repliedAfter === undefined ? [] : [Math.round(chat.repliedAfter * 60)],
    );
    expect(answer.total.firstReply).toEqual(closeTo(timesOf(waits)));
  });

  it("counts each processing type with everything under it, as the history's type condition does", async () => {
    const top = answer.processingTypes;
    expect(top.map((row) => row.type?.names.en ?? null)).toEqual(["Orders", "Billing", null]);
    for (const row of top.filter((each) => each.type)) {
      expect(countsOf(row.figures), row.type?.names.en).toEqual(
        await figuresFromHistory({ ...period, processingTypeId: row.type?.id as string }),
      );
    }
    const unclassified = world.chats.filter((chat) => !chat.processingTypeId).length;
    expect(top.at(-1)?.figures.requested).toBe(unclassified);
    const drilled = await statistics({ ...period, processingTypeId: world.types.orders });
    expect(drilled.processingTypePath.map((type) => type.names.en)).toEqual(["Orders"]);
    expect(drilled.processingTypes.map((row) => row.type?.names.en ?? null)).toEqual([
      "Delivery",
      null,
    ]);
    const [delivery, own] = drilled.processingTypes;
    expect(countsOf(delivery?.figures as StatisticsFigures)).toEqual(
      await figuresFromHistory({ ...period, processingTypeId: world.types.delivery }),
    );
    expect(own?.figures.requested).toBe(
      world.chats.filter((chat) => chat.processingTypeId === world.types.orders).length,
    );
  });

  it("credits each operator with the chats they held and with what happened while they held it", async () => {
    const holderAt = (chat: PastChat, minutes: number | undefined) => {
      const holders = chat.holders ?? [];
      let holder: string | null = null;
      holders.forEach((id, index) => {
        if ((chat.heldFrom?.[index] ?? index) <= (minutes ?? Number.POSITIVE_INFINITY)) holder = id;
      });
      return holder;
    };
    for (const operator of [world.alice, world.bob]) {
      const row = answer.operators.find((each) => each.operator?.id === operator.id);
      const replied = world.chats.filter(
        (chat) =>
          chat.repliedAfter !== undefined &&
          chat.openedAfter !== undefined &&
          holderAt(chat, chat.repliedAfter) === operator.id,
      );
      const lost = world.chats.filter(
        (chat) =>
          (chat.repliedAfter === undefined || chat.openedAfter === undefined) &&
          holderAt(chat, chat.minutes ?? chat.customerEndedAfter) === operator.id,
      );
      const rated = world.chats.filter(
        (chat) =>
          chat.rating !== undefined &&
          holderAt(chat, chat.ratedAfter ?? chat.minutes ?? 0) === operator.id,
      );
      expect(row).toMatchObject({
        held: (await history({ ...period, operatorId: operator.id })).length,
        processed: replied.length,
        abandoned: lost.length,
        firstReply: closeTo(
          timesOf(replied.map((chat) => Math.round((chat.repliedAfter as number) * 60))),
        ),
        rated: rated.length,
      });
    }
    // The queued chats nobody took are nobody's: they still add up to the total.
    const nobody = answer.operators.find((each) => each.operator === null);
    expect(nobody?.abandoned).toBe(world.chats.filter((chat) => !chat.holders).length);
    const sum = (pick: (row: (typeof answer.operators)[number]) => number) =>
      answer.operators.reduce((total, row) => total + pick(row), 0);
    expect(sum((row) => row.processed)).toBe(answer.total.processed);
    expect(sum((row) => row.abandoned)).toBe(answer.total.abandoned);
    expect(sum((row) => row.rated)).toBe(answer.total.satisfaction.rated);
  });
});
