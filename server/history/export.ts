/**
 * Data export (PRODUCT.md, "Chat history"): the chats a history search lists, to an .xlsx file.
 * The rows come from the database a keyset page at a time and go through exceljs' streaming
 * writer into a file under DATA_DIR (the writer has no backpressure, so it never writes to the
 * response), which the operator downloads once it is done. The jobs live in this process
 * (docs/decisions.md 44).
 */
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import { setImmediate } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import type { Language } from "../../shared/domain.js";
import type { ExportJob, HistoryConditions } from "../../shared/history.js";
import { wallClock } from "../../shared/wall-clock.js";
import { countHistory, messagesOfChats, searchHistory } from "../chats/history.js";
import { findCustomers } from "../customers/customers.js";
import type { Database } from "../db/client.js";
import { notFound } from "../errors.js";
import { type OperatorRow, operatorNames } from "../operators/operators.js";
import { listServicesFor, serviceTimeZones } from "../services/services.js";
import { exportLabels, type Labels } from "./export-labels.js";
import { presentHistory } from "./history.js";

/**
 * Chats read from the database at a time. Small enough that a page and what is made from it die
 * young: with 500, the objects alive at each young-generation collection (the page across its
 * queries' awaits) were promoted, and the old generation grew by 80–90 MB of garbage between its
 * collections (built server, 100,000 chats on PostgreSQL: peak RSS 240 MB against 164 MB with
 * 100, for 15 s against 22 s; docs/benchmarks.md).
 */
const PAGE = 100;
/** A finished file is kept this long for its download, then deleted. */
const KEPT_MS = 60 * 60 * 1000;

export interface ExportRequest {
  conditions: HistoryConditions;
  withMessages: boolean;
  language: Language;
}

interface Job extends ExportJob {
  operatorId: string;
  file: string;
  cancelled: boolean;
}

/** The export jobs of this process, each readable by the operator who started it only. */
export class Exports {
  readonly #jobs = new Map<string, Job>();
  readonly #dir: string;

  constructor(
    private readonly db: Database,
    dataDir: string,
  ) {
    this.#dir = path.join(dataDir, "exports");
    // Files of an earlier run have no job to download them any more.
    rmSync(this.#dir, { recursive: true, force: true });
    mkdirSync(this.#dir, { recursive: true });
  }

  /** Starts writing the file; the job's progress is read with `find`. */
  async start(operator: OperatorRow, request: ExportRequest): Promise<ExportJob> {
    const serviceIds =
      operator.role === "administrator" ? undefined : await listServicesFor(this.db, operator);
    // Counted first, so that a refused condition (too short a word) is the request's error.
    const chatCount = await countHistory(this.db, { serviceIds, conditions: request.conditions });
    const id = randomUUID();
    const job: Job = {
      id,
      state: "running",
      done: 0,
      total: chatCount * (request.withMessages ? 2 : 1),
      operatorId: operator.id,
      file: path.join(this.#dir, `${id}.xlsx`),
      cancelled: false,
    };
    this.#jobs.set(id, job);
    void withBoundedHeap(() => this.#write(job, serviceIds, request)).then(
      () => {
        if (job.cancelled) return;
        job.state = "done";
        setTimeout(() => this.#forget(job), KEPT_MS).unref();
      },
      () => {
        if (job.cancelled) return;
        job.state = "failed";
        rmSync(job.file, { force: true });
      },
    );
    return publicJob(job);
  }

  find(operator: OperatorRow, id: string): ExportJob {
    return publicJob(this.#own(operator, id));
  }

  /** The finished file's path, for its download. */
  file(operator: OperatorRow, id: string): string {
    const job = this.#own(operator, id);
    if (job.state !== "done") throw notFound("export_not_found", "finished export");
    return job.file;
  }

  /** Stops the job (its next page is not read) and deletes what it wrote. */
  cancel(operator: OperatorRow, id: string): void {
    const job = this.#own(operator, id);
    job.cancelled = true;
    job.state = "cancelled";
    this.#forget(job);
  }

  #own(operator: OperatorRow, id: string): Job {
    const job = this.#jobs.get(id);
    if (!job || job.operatorId !== operator.id) throw notFound("export_not_found", "export");
    return job;
  }

  #forget(job: Job) {
    this.#jobs.delete(job.id);
    rmSync(job.file, { force: true });
  }

  async #write(job: Job, serviceIds: string[] | undefined, request: ExportRequest) {
    const labels = exportLabels[request.language];
    // Loaded at the first export, and only the streaming writer: the whole of exceljs (its
    // readers, CSV) holds 27 MB resident once imported, the writer 17 MB.
    const { default: WorkbookWriter } = await import("exceljs/lib/stream/xlsx/workbook-writer.js");
    const workbook = new WorkbookWriter({
      filename: job.file,
      useStyles: false,
      useSharedStrings: false,
    });
    const chatSheet = workbook.addWorksheet(labels.chatsSheet);
    chatSheet.addRow(chatColumns.map((column) => labels[column])).commit();
    // Each value is a string, a number or empty: exceljs makes a string a text cell, never a
    // formula, whatever it begins with (= + - @: formula injection); formulas need an object.
    for await (const page of this.#pages(job, serviceIds, request.conditions)) {
      for (const row of await chatRows(this.db, page, request.language, labels)) {
        chatSheet.addRow(row).commit();
      }
      job.done += page.length;
      await written(workbook);
    }
    chatSheet.commit();
    if (request.withMessages && !job.cancelled) {
      const messageSheet = workbook.addWorksheet(labels.messagesSheet);
      messageSheet.addRow(messageColumns.map((column) => labels[column])).commit();
      for await (const page of this.#pages(job, serviceIds, request.conditions)) {
        for (const row of await messageRows(this.db, page, labels)) {
          messageSheet.addRow(row).commit();
        }
        job.done += page.length;
        await written(workbook);
      }
      messageSheet.commit();
    }
    await workbook.commit();
    if (job.cancelled) rmSync(job.file, { force: true });
  }

  /** The search's chats a keyset page at a time, newest first, until the job is cancelled. */
  async *#pages(job: Job, serviceIds: string[] | undefined, conditions: HistoryConditions) {
    let after: string | undefined;
    while (!job.cancelled) {
      const rows = await searchHistory(this.db, { serviceIds, conditions, after, limit: PAGE });
      if (rows.length === 0) return;
      yield rows;
      after = rows.at(-1)?.key;
      if (rows.length < PAGE) return;
    }
  }
}

/**
 * Waits for the file to take what the pages so far gave the writer: the backpressure exceljs'
 * streaming writer lacks. Without it, on PGlite, whose answers come from this process without
 * I/O, a page's awaits never let the file's writes complete, and the zip's output piled up in
 * memory (100,000 chats: external memory 199 → 250 MB; the built server's peak 496 MB, 440 with
 * this wait).
 */
async function written(workbook: object) {
  const file = (workbook as { stream: Writable }).stream;
  await setImmediate();
  if (file.writableNeedDrain) await once(file, "drain");
}

/**
 * How far past what a full garbage collection left V8 lets its heap grow while an export runs,
 * in percent. The export leaves garbage in the old generation (about 0.5 MB of each young
 * collection's survivors is promoted, then dies), and V8's own factor, 1.1 to 4 times, let the
 * old generation reach 110-135 MB of which 45 was alive: the built server's peak on PGlite over
 * the 300 MB bar. With 30 % its heap stays at 84-94 MB (docs/benchmarks.md, "PGlite's buffer
 * pool, and V8's heap while an export runs"). The flag is read at each collection, so it applies
 * from the next one; set outside exports, it would make the message path collect more often for
 * nothing.
 */
const EXPORT_HEAP_GROWING_PERCENT = 30;
/** Exports writing in this process: the flag is the process's, not one job's. */
let exportsWriting = 0;

async function withBoundedHeap<T>(write: () => Promise<T>): Promise<T> {
  if (exportsWriting++ === 0) {
    setFlagsFromString(`--heap-growing-percent=${EXPORT_HEAP_GROWING_PERCENT}`);
  }
  try {
    return await write();
  } finally {
    // 0 is V8's default: its own factor.
    if (--exportsWriting === 0) setFlagsFromString("--heap-growing-percent=0");
  }
}

function publicJob({ id, state, done, total }: Job): ExportJob {
  return { id, state, done, total };
}

export const chatColumns = [
  "started",
  "ended",
  "service",
  "customer",
  "email",
  "operators",
  "processingType",
  "status",
  "rating",
  "ratingComment",
  "durationSeconds",
  "firstReplySeconds",
  "ticket",
  "channel",
  "pageUrl",
  "ipAddress",
  "device",
  "notes",
] as const;

export const messageColumns = ["chatStarted", "chatId", "sentAt", "author", "body"] as const;

type HistoryRows = Awaited<ReturnType<typeof searchHistory>>;

async function chatRows(db: Database, page: HistoryRows, language: Language, labels: Labels) {
  const [zones, found] = await Promise.all([
    timeZones(db, page),
    findCustomers(db, [...new Set(page.map((row) => row.chat.customerId))]),
  ]);
  const listed = await presentHistory(db, page, found);
  const notesOf = new Map(found.map((customer) => [customer.id, customer.notes]));
  return page.map(({ chat }, index) => {
    const row = listed[index];
    const zone = zones.get(chat.serviceId) ?? "UTC";
    const firstReply =
      chat.firstReplyAt &&
      Math.max(0, Math.round((chat.firstReplyAt.getTime() - chat.requestedAt.getTime()) / 1000));
    const device = [
      [chat.deviceBrowser, chat.deviceBrowserVersion],
      [chat.deviceOs, chat.deviceOsVersion],
    ]
      .map((parts) => parts.filter(Boolean).join(" "))
      .filter(Boolean)
      .concat(chat.deviceType ?? [])
      .join(", ");
    return [
      inZone(chat.requestedAt, zone),
      row?.endedAt ? inZone(new Date(row.endedAt), zone) : null,
      row?.serviceName ?? "",
      row?.customer.name ?? null,
      row?.customer.email ?? null,
      row?.operators.map((operator) => operator.name).join(", ") ?? "",
      row?.processingType
        .map((type) => type.names[language] ?? Object.values(type.names)[0] ?? "")
        .join(" > ") ?? "",
      chat.processed ? labels.processed : labels.unprocessed,
      chat.rating,
      chat.ratingComment,
      row?.durationSeconds ?? null,
      firstReply ?? null,
      row?.ticket ? `#${row.ticket.number}` : null,
      chat.channel,
      chat.pageUrl,
      chat.ipAddress,
      device || null,
      notesOf.get(chat.customerId) ?? null,
    ] satisfies (string | number | null)[];
  });
}

async function messageRows(db: Database, page: HistoryRows, labels: Labels) {
  const ids = page.map((row) => row.chat.id);
  const zones = await timeZones(db, page);
  const found = await messagesOfChats(db, ids);
  const names = await operatorNames(db, [
    ...new Set(found.flatMap((message) => message.operatorId ?? [])),
  ]);
  const byChat = new Map<string, typeof found>();
  for (const message of found) {
    const ofChat = byChat.get(message.chatId);
    if (ofChat) ofChat.push(message);
    else byChat.set(message.chatId, [message]);
  }
  return page.flatMap(({ chat }) => {
    const zone = zones.get(chat.serviceId) ?? "UTC";
    return (byChat.get(chat.id) ?? []).map((message) => [
      inZone(chat.requestedAt, zone),
      chat.id,
      inZone(message.createdAt, zone),
      message.author === "customer"
        ? labels.customer
        : message.author === "operator"
          ? (names.get(message.operatorId ?? "") ?? "")
          : labels.system,
      message.body,
    ]);
  });
}

const timeZones = (db: Database, page: HistoryRows) =>
  serviceTimeZones(db, [...new Set(page.map((row) => row.chat.serviceId))]);

/** "2026-06-01 09:30:00" in the time zone: what the service's people read on their clock. */
export function inZone(at: Date, timeZone: string): string {
  const clock = wallClock(at, timeZone);
  return `${clock.year}-${clock.month}-${clock.day} ${clock.hour}:${clock.minute}:${clock.second}`;
}
