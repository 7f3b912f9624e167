/** Statistics' routes: who may read a service's figures, how a bad period is refused, and the
 *  .xlsx file of each table. (That the figures agree with the history: agreement.test.ts.) */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_STATISTICS_DAYS } from "../../shared/limits.js";
import { statisticsTables } from "../../shared/statistics.js";
import type { ServiceRow } from "../services/services.js";
import { buildOperator, buildService, type TestOperator } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { buildPastChat, buildProcessingType } from "../test/past-chats.js";

let server: TestServer;
let service: ServiceRow;
let member: TestOperator;
let outsider: TestOperator;
let admin: TestOperator;
let risky: TestOperator;
beforeAll(async () => {
  server = await startTestServer();
  service = await buildService(server, { name: "Shop" });
  const other = await buildService(server, { name: "Elsewhere" });
  member = await buildOperator(server, { services: [service], name: "Mia" });
  outsider = await buildOperator(server, { services: [other], name: "Otto" });
  admin = await buildOperator(server, { role: "administrator", name: "Ada" });
  // A name a spreadsheet would run as a formula if it were written as one.
  risky = await buildOperator(server, { services: [service], name: '=HYPERLINK("x","y")' });
  const db = server.app.context.db;
  const type = await buildProcessingType(db, service.id, "+Refunds");
  for (const [index, processed] of [true, true, false].entries()) {
    await buildPastChat(db, {
      serviceId: service.id,
      requestedAt: new Date(`2026-05-0${index + 1}T03:00:00Z`),
      holders: [risky.id],
      processed,
      rating: processed ? 4 : undefined,
      minutes: 10,
      processingTypeId: type.id,
    });
  }
});
afterAll(() => server.close());

const period = () => ({ serviceId: service.id, from: "2026-05-01", to: "2026-05-31" });
/** A route's answer: its JSON, or for a file, its bytes' length. */
async function get(path: string, query: Record<string, string>, cookie?: string) {
  const response = await fetch(`${server.url}${path}?${new URLSearchParams(query)}`, {
    headers: cookie ? { cookie } : {},
  });
  const json = response.headers.get("content-type")?.includes("json");
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the route answers
  const body: any = json ? await response.json() : (await response.arrayBuffer()).byteLength;
  return { status: response.status, body };
}

describe.each(["/api/statistics", "/api/statistics/export"])("%s", (path) => {
  const query = () => ({ ...period(), table: "periods" });

  it("asks for a session", async () => {
    const response = await get(path, query());
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthenticated");
  });

  it("answers a service's members and administrators", async () => {
    for (const operator of [member, admin]) {
      expect((await get(path, query(), operator.cookie)).status).toBe(200);
    }
  });

  it("refuses an operator of another service as if the service did not exist", async () => {
    const response = await get(path, query(), outsider.cookie);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("service_not_found");
  });

  it("says which end of the period is wrong, and the longest period", async () => {
    const backwards = await get(path, { ...query(), to: "2026-04-30" }, member.cookie);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({
      field: "querystring.to",
      reason: "end_before_start",
    });
    const long = await get(path, { ...query(), to: "2027-05-02" }, member.cookie);
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({
      field: "querystring.to",
      reason: "period_too_long",
      limit: MAX_STATISTICS_DAYS,
    });
    expect(long.body.error.message).toContain(`at most ${MAX_STATISTICS_DAYS} days`);
    // A year with its leap day is still one period.
    const year = { ...query(), from: "2028-01-01", to: "2028-12-31" };
    expect((await get(path, year, member.cookie)).status).toBe(200);
    const badDate = await get(path, { ...query(), from: "2026-02-30x" }, member.cookie);
    expect(badDate.body.error).toMatchObject({ field: "querystring.from" });
  });

  it("refuses a processing type of another service", async () => {
    const elsewhere = await buildService(server);
    const type = await buildProcessingType(server.app.context.db, elsewhere.id, "Other");
    const response = await get(path, { ...query(), processingTypeId: type.id }, member.cookie);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("processing_type_not_found");
  });
});

describe("the figures", () => {
  it("has a row for every day of the period, an empty one too", async () => {
    const { body } = await get("/api/statistics", period(), member.cookie);
    expect(body.periods).toHaveLength(31);
    expect(body.periods[0]).toMatchObject({
      start: "2026-05-01",
      figures: { requested: 1, processed: 1 },
    });
    expect(body.periods[10].figures).toMatchObject({
      requested: 0,
      processingRate: null,
      firstReply: { mean: null, median: null, p90: null },
    });
    expect(body.total).toMatchObject({ requested: 3, processed: 2, abandoned: 1 });
  });

  it("cuts weeks to the period", async () => {
    const { body } = await get(
      "/api/statistics",
      { ...period(), granularity: "week" },
      member.cookie,
    );
    // 1 May 2026 is a Friday: the first week is Friday to Sunday.
    expect(body.periods[0]).toMatchObject({ start: "2026-05-01", end: "2026-05-03" });
    expect(body.periods[1]).toMatchObject({ start: "2026-05-04", end: "2026-05-10" });
    expect(body.periods.at(-1)).toMatchObject({ start: "2026-05-25", end: "2026-05-31" });
  });
});

async function workbookOf(query: Record<string, string>) {
  const response = await fetch(
    `${server.url}/api/statistics/export?${new URLSearchParams(query)}`,
    { headers: { cookie: member.cookie } },
  );
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("spreadsheetml");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

describe("the export", () => {
  it("writes each table with the screen's numbers, headers in the console's language", async () => {
    const { body } = await get("/api/statistics", period(), member.cookie);
    for (const table of statisticsTables) {
      const sheet = (await workbookOf({ ...period(), table, language: "ja" })).worksheets[0];
      expect(sheet?.getRow(1).values).toEqual([undefined, "サービス", "Shop"]);
      expect(sheet?.getRow(5).getCell(1).value, table).toBeTruthy();
    }
    const sheet = (await workbookOf({ ...period(), table: "periods", language: "en" }))
      .worksheets[0];
    expect(sheet?.name).toBe("By period");
    expect(sheet?.getRow(5).values).toEqual(
      expect.arrayContaining(["From", "To", "Requested", "Processed", "Abandoned"]),
    );
    const may1 = sheet?.getRow(6);
    expect([may1?.getCell(1).value, may1?.getCell(3).value, may1?.getCell(4).value]).toEqual([
      "2026-05-01",
      body.periods[0].figures.requested,
      body.periods[0].figures.processed,
    ]);
    expect(sheet?.rowCount).toBe(5 + 31);
  });

  it("stores names that begin with = or + as text, never as formulas", async () => {
    const operators = (await workbookOf({ ...period(), table: "operators" })).worksheets[0];
    const name = operators?.getRow(6).getCell(1);
    expect(name?.value).toBe('=HYPERLINK("x","y")');
    expect(name?.type).toBe(ExcelJS.ValueType.String);
    expect(operators?.getRow(6).getCell(2).value).toBe(3);
    const types = (await workbookOf({ ...period(), table: "processingTypes" })).worksheets[0];
    expect(types?.getRow(6).getCell(1).value).toBe("+Refunds");
    expect(types?.getRow(6).getCell(1).type).toBe(ExcelJS.ValueType.String);
  });
});
