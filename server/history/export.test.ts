/** Data export: the chats a history search lists, to an .xlsx file read back here (and by
 *  LibreOffice), only for the operator who asked and only of the services they may see. */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportJob } from "../../shared/history.js";
import type { ServiceRow } from "../services/services.js";
import { buildOperator, buildService, call, type TestOperator } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { buildPastChat, buildProcessingType } from "../test/past-chats.js";
import { chats, customers, services } from "../test/tables.js";

let server: TestServer;
let service: ServiceRow;
let member: TestOperator;
let outsider: TestOperator;
let first: string;
let second: string;
beforeAll(async () => {
  server = await startTestServer();
  const db = server.app.context.db;
  service = await buildService(server, { name: "Shop" });
  await db.update(services).set({ timeZone: "Asia/Tokyo" }).where(eq(services.id, service.id));
  member = await buildOperator(server, { services: [service], name: "Alice" });
  outsider = await buildOperator(server, { services: [await buildService(server)] });
  const orders = await buildProcessingType(db, service.id, "Orders");
  // 23:30 UTC is 08:30 the next day in Tokyo.
  first = await buildPastChat(db, {
    serviceId: service.id,
    requestedAt: new Date("2026-06-01T23:30:00Z"),
    customer: { name: '=HYPERLINK("http://evil.example")', email: "@evil.example" },
    holders: [member.id],
    messages: ["customer: +1 555 0100", "operator: -Hello, how can I help?"],
    processed: true,
    processingTypeId: orders.id,
    rating: 5,
    minutes: 10,
  });
  second = await buildPastChat(db, {
    serviceId: service.id,
    requestedAt: new Date("2026-06-02T03:00:00Z"),
    customer: { name: "Sato", email: "sato@example.com" },
    messages: ["customer: 注文の件です"],
    minutes: 2,
  });
  await db
    .update(chats)
    .set({
      pageUrl: "https://shop.example/cart",
      ipAddress: "203.0.113.7",
      ratingComment: "=1+1",
      deviceBrowser: "Firefox",
      deviceBrowserVersion: "130",
    })
    .where(eq(chats.id, first));
  const [chat] = await db.select().from(chats).where(eq(chats.id, first));
  await db
    .update(customers)
    .set({ notes: "Prefers email" })
    .where(eq(customers.id, chat?.customerId ?? ""));
});
afterAll(() => server.close());

async function start(cookie: string, body: object) {
  const response = await call(server, "POST", "/api/history/exports", { cookie, body });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body as ExportJob;
}

/** Reads the export's progress until it is no longer running (each read is a request). */
async function finished(cookie: string, id: string): Promise<ExportJob> {
  for (;;) {
    const response = await call(server, "GET", `/api/history/exports/${id}`, { cookie });
    expect(response.status).toBe(200);
    if (response.body.state !== "running") return response.body;
  }
}

async function download(cookie: string, id: string) {
  const response = await fetch(`${server.url}/api/history/exports/${id}/file`, {
    headers: { cookie },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("spreadsheetml");
  return Buffer.from(await response.arrayBuffer());
}

async function exported(body: object, cookie = member.cookie) {
  const job = await start(cookie, body);
  const done = await finished(cookie, job.id);
  expect(done.state).toBe("done");
  const workbook = new ExcelJS.Workbook();
  const file = await download(cookie, job.id);
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return { workbook, file, job: done };
}

const valuesOf = (sheet: ExcelJS.Worksheet | undefined, row: number) =>
  ((sheet?.getRow(row).values ?? []) as unknown[]).slice(1);

describe("the chats sheet", () => {
  it("holds the searched chats, newest first, with the list's columns and the record's, dates in the service's time zone", async () => {
    const { workbook, job } = await exported({ conditions: { serviceId: service.id } });
    expect(job).toMatchObject({ done: 2, total: 2 });
    const sheet = workbook.getWorksheet("Chats");
    expect(valuesOf(sheet, 1)).toEqual([
      "Started",
      "Ended",
      "Service",
      "Customer",
      "Email",
      "Operators",
      "Processing type",
      "Status",
      "Rating",
      "Rating comment",
      "Duration (seconds)",
      "First reply wait (seconds)",
      "Ticket",
      "Channel",
      "Page URL",
      "IP address",
      "Device",
      "Notes",
    ]);
    expect(sheet?.getRow(2).getCell(4).value).toBe("Sato");
    expect(valuesOf(sheet, 3)).toEqual([
      "2026-06-02 08:30:00",
      "2026-06-02 08:40:00",
      "Shop",
      '=HYPERLINK("http://evil.example")',
      "@evil.example",
      "Alice",
      "Orders",
      "Processed",
      5,
      "=1+1",
      600,
      60,
      undefined,
      "widget",
      "https://shop.example/cart",
      "203.0.113.7",
      "Firefox 130",
      "Prefers email",
    ]);
    expect(sheet?.rowCount).toBe(3);
    expect(workbook.getWorksheet("Messages")).toBeUndefined();
  });

  it("stores cells that begin with = + - @ as text, never as formulas", async () => {
    const { workbook } = await exported({
      conditions: { serviceId: service.id },
      withMessages: true,
    });
    const cells: ExcelJS.Cell[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    }
    const risky = cells.filter((cell) => /^[=+\-@]/.test(String(cell.value)));
    expect(risky.map((cell) => cell.value)).toEqual(
      expect.arrayContaining([
        '=HYPERLINK("http://evil.example")',
        "@evil.example",
        "=1+1",
        "+1 555 0100",
        "-Hello, how can I help?",
      ]),
    );
    for (const cell of risky) expect(cell.type).toBe(ExcelJS.ValueType.String);
  });

  it("says the headers in the console's language", async () => {
    const { workbook } = await exported({
      conditions: { serviceId: service.id },
      language: "ja",
    });
    const sheet = workbook.getWorksheet("チャット");
    expect(valuesOf(sheet, 1).slice(0, 3)).toEqual(["開始日時", "終了日時", "サービス"]);
    expect(sheet?.getRow(3).getCell(8).value).toBe("処理");
  });

  it("narrows to the history's conditions, words included", async () => {
    const { workbook, job } = await exported({
      conditions: { serviceId: service.id, words: "注文" },
    });
    expect(job.total).toBe(1);
    expect(workbook.getWorksheet("Chats")?.getRow(2).getCell(4).value).toBe("Sato");
    expect(workbook.getWorksheet("Chats")?.rowCount).toBe(2);
  });

  it("refuses a condition the history refuses, as a field error", async () => {
    const response = await call(server, "POST", "/api/history/exports", {
      cookie: member.cookie,
      body: { conditions: { words: "ab" } },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      field: "body.conditions.words",
      reason: "too_short",
    });
  });
});

describe("the messages sheet", () => {
  it("lists each chat's messages in order, with the authors and times in the service's time zone", async () => {
    const { workbook, job } = await exported({
      conditions: { serviceId: service.id },
      withMessages: true,
    });
    expect(job).toMatchObject({ done: 4, total: 4 });
    const sheet = workbook.getWorksheet("Messages");
    expect(valuesOf(sheet, 1)).toEqual(["Chat started", "Chat ID", "Sent", "Author", "Message"]);
    const rows = [2, 3, 4].map((row) => valuesOf(sheet, row));
    expect(rows.map((row) => [row[1], row[3], row[4]])).toEqual([
      [second, "Customer", "注文の件です"],
      [first, "Customer", "+1 555 0100"],
      [first, "Alice", "-Hello, how can I help?"],
    ]);
    expect(rows[1]?.[0]).toBe("2026-06-02 08:30:00");
  });
});

describe("cancel", () => {
  it("stops the export and deletes its file: it can no longer be read nor downloaded", async () => {
    const job = await start(member.cookie, { conditions: { serviceId: service.id } });
    const cancelled = await call(server, "DELETE", `/api/history/exports/${job.id}`, {
      cookie: member.cookie,
    });
    expect(cancelled.status).toBe(204);
    for (const url of [`/api/history/exports/${job.id}`, `/api/history/exports/${job.id}/file`]) {
      const response = await call(server, "GET", url, { cookie: member.cookie });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("export_not_found");
    }
    // Once the writer has stopped, nothing of it stays under DATA_DIR.
    const exportsDir = path.join(server.dataDir, "exports");
    for (;;) {
      const files = await readdir(exportsDir);
      if (!files.some((file) => file.startsWith(job.id))) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
});

describe("who may export", () => {
  it("needs an operator's session", async () => {
    const response = await call(server, "POST", "/api/history/exports", {
      body: { conditions: {} },
    });
    expect(response.status).toBe(401);
  });

  it("exports only the services the operator is a member of", async () => {
    const job = await start(outsider.cookie, { conditions: { serviceId: service.id } });
    expect(job.total).toBe(0);
  });

  it("shows, cancels and downloads an export to the operator who started it only", async () => {
    const job = await start(member.cookie, { conditions: { serviceId: service.id } });
    await finished(member.cookie, job.id);
    for (const [method, url] of [
      ["GET", `/api/history/exports/${job.id}`],
      ["GET", `/api/history/exports/${job.id}/file`],
      ["DELETE", `/api/history/exports/${job.id}`],
    ] as const) {
      const refused = await call(server, method, url, { cookie: outsider.cookie });
      expect(refused.status).toBe(404);
      const anonymous = await call(server, method, url);
      expect(anonymous.status).toBe(401);
    }
    // Still there for its owner.
    await download(member.cookie, job.id);
  });
});

describe("LibreOffice", () => {
  it("opens the file: its CSV conversion holds the chats sheet's cells", async () => {
    const { file } = await exported({ conditions: { serviceId: service.id } });
    const dir = await mkdtemp(path.join(tmpdir(), "madoguchi-export-"));
    try {
      await writeFile(path.join(dir, "chats.xlsx"), file);
      await promisify(execFile)(
        "soffice",
        [
          `-env:UserInstallation=file://${dir}/profile`,
          "--headless",
          "--convert-to",
          // UTF-8 (76), comma-separated, double quotes.
          "csv:Text - txt - csv (StarCalc):44,34,76",
          "--outdir",
          dir,
          path.join(dir, "chats.xlsx"),
        ],
        { timeout: 120_000 },
      );
      const csv = await readFile(path.join(dir, "chats.csv"), "utf8");
      const lines = csv.trim().split(/\r?\n/);
      expect(lines[0]).toBe(
        "Started,Ended,Service,Customer,Email,Operators,Processing type,Status,Rating,Rating comment,Duration (seconds),First reply wait (seconds),Ticket,Channel,Page URL,IP address,Device,Notes",
      );
      expect(lines[2]).toBe(
        '2026-06-02 08:30:00,2026-06-02 08:40:00,Shop,"=HYPERLINK(""http://evil.example"")",@evil.example,Alice,Orders,Processed,5,=1+1,600,60,,widget,https://shop.example/cart,203.0.113.7,Firefox 130,Prefers email',
      );
      expect(lines).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
