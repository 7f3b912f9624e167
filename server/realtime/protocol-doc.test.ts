/**
 * docs/protocol.md is the whole contract for an integrator who has nothing else: its tables must
 * say what the server's frames are. These tests read the page's tables and hold them against the
 * schemas every frame is validated or built with, and against frames a real session receives, so
 * that a frame, a field or an error code added, renamed or dropped on one side fails here.
 */
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { attachment } from "../../shared/attachments.js";
import { chatStateUpdate, chatSummary, customer, device, message } from "../../shared/chat.js";
import { errorCode } from "../../shared/errors.js";
import { clientFrame, type ServerFrame, serverFrame } from "../../shared/protocol.js";
import { call, customerSocket, requestChat } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { liveChat } from "../test/live-chat.js";
import { TestSocket } from "../test/socket.js";
import { services } from "../test/tables.js";

const doc = readFileSync(new URL("../../docs/protocol.md", import.meta.url), "utf8");

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((cell) => cell.trim());

/** The body rows of the table under a heading, as cells. A row that is not part of it (the
 *  table ended early, as a paragraph in its middle ends it) is not counted. */
function tableUnder(heading: string): string[][] {
  const lines = doc.split("\n");
  const at = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, "") === heading);
  expect(at, `a heading "${heading}"`).toBeGreaterThan(-1);
  let index = at + 1;
  while (index < lines.length && !lines[index]?.startsWith("|")) {
    expect(lines[index]?.startsWith("#"), `a table under "${heading}"`).toBe(false);
    index++;
  }
  const table: string[][] = [];
  for (; lines[index]?.startsWith("|"); index++) table.push(cellsOf(lines[index] as string));
  const [header, separator, ...rows] = table;
  expect(separator?.every((cell) => /^-+$/.test(cell))).toBe(true);
  for (const row of rows) expect(row, `a row under "${heading}"`).toHaveLength(header?.length ?? 0);
  return rows;
}

/** The names in backticks of a cell, leaving out what is in parentheses (descriptions). */
function namesIn(cell: string): string[] {
  let text = cell;
  for (let last = ""; last !== text; ) {
    last = text;
    text = text.replace(/\([^()]*\)/g, "");
  }
  return [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);
}

/** Each frame type of a table, with its fields as the page writes them ("name?" if optional). */
function frameTable(heading: string): Map<string, string[]> {
  return new Map(
    tableUnder(heading).map(([type, fields]) => [
      namesIn(type ?? "")[0] ?? "",
      namesIn(fields ?? ""),
    ]),
  );
}

/** A frame schema's fields, as the page should write them. */
function fieldsOf(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([name]) => name !== "type")
    .map(([name, field]) =>
      (field as z.ZodType).safeParse(undefined).success ? `${name}?` : name,
    );
}

const typeOf = (schema: z.ZodObject) => (schema.shape.type as z.ZodLiteral).value as string;

function expectFrames(heading: string, union: { options: readonly z.ZodObject[] }) {
  const documented = frameTable(heading);
  const actual = new Map(union.options.map((schema) => [typeOf(schema), fieldsOf(schema)]));
  expect([...documented.keys()].sort()).toEqual([...actual.keys()].sort());
  for (const [type, fields] of actual) {
    expect(documented.get(type)?.sort(), `the fields of ${type}`).toEqual(fields.sort());
  }
}

/** An object's table: its first column names each field once. */
const objectFields = (heading: string) =>
  tableUnder(heading).map(([field]) => namesIn(field ?? "")[0]);

const objects: Array<[string, z.ZodObject]> = [
  ["A message", message],
  ["A chat's state", chatStateUpdate],
  ["A chat", chatSummary],
  ["A customer", customer],
  ["A device", device],
  ["An attachment", attachment],
];

const errorCodes = () =>
  new Map(tableUnder("Errors").map(([code, sentIn]) => [namesIn(code ?? "")[0], sentIn ?? ""]));

describe("docs/protocol.md", () => {
  it("lists every frame a client may send, with exactly its fields", () => {
    expectFrames("Client → server", clientFrame);
  });

  it("lists every frame the server sends, with exactly its fields", () => {
    expectFrames("Server → client", serverFrame);
  });

  it("describes every field of the objects inside frames", () => {
    for (const [heading, schema] of objects) {
      expect(objectFields(heading).sort(), heading).toEqual(Object.keys(schema.shape).sort());
    }
  });

  it("lists every error code, each once", () => {
    const documented = tableUnder("Errors").map(([code]) => namesIn(code ?? "")[0]);
    expect(documented.sort()).toEqual([...errorCode.options].sort());
  });

  it("sends its reader to no source file but the schemas", () => {
    const files = [...doc.matchAll(/[\w./-]+\.(?:ts|tsx|js|cjs|mjs)\b/g)].map((match) => match[0]);
    expect(new Set(files)).toEqual(new Set(["shared/protocol.ts", "../shared/protocol.ts"]));
  });
});

describe("a session read against docs/protocol.md", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("receives only documented frames with documented fields, and documented error codes", async () => {
    const chat = await liveChat(server);
    const { chatId, customerWs, operatorWs } = chat;
    customerWs.send({ type: "message.send", chatId, clientId: "c", body: "hello" });
    const hello = await operatorWs.next("message", (frame) => frame.message.clientId === "c");
    const masked = await call(server, "POST", `/api/messages/${hello.message.id}/mask`, {
      cookie: chat.operator.cookie,
      body: { start: 0, end: 2 },
    });
    expect(masked.status).toBe(200);
    await customerWs.next("message.masked");
    customerWs.send({ type: "typing.set", chatId, typing: true });
    await operatorWs.next("typing");
    operatorWs.send({ type: "read.set", chatId, seq: 2 });
    await customerWs.next("read");
    customerWs.send({ type: "rating.set", chatId, score: 4 });
    await operatorWs.next("chat.state", (frame) => frame.update.rating === 4);
    const ticket = await call(server, "POST", `/api/chats/${chatId}/ticket`, {
      cookie: chat.operator.cookie,
    });
    expect(ticket.status).toBe(201);
    await operatorWs.next("ticket");
    for (const refused of [
      "{",
      { type: "message.send", chatId, clientId: "x", body: " " },
      { type: "rating.request", chatId },
      { type: "chat.follow", chatId: crypto.randomUUID(), lastSeq: 0 },
    ]) {
      customerWs.send(refused);
      await customerWs.next("error");
    }
    // A second customer waits in the queue while the operator's one slot is taken.
    await server.app.context.db
      .update(services)
      .set({ chatLimit: 1 })
      .where(eq(services.id, chat.service.id));
    await server.app.context.services.changed(chat.service.id);
    const queuedWs = await customerSocket(server, await requestChat(server, chat.service));
    await queuedWs.next("queue.position");
    operatorWs.send({ type: "chat.end", chatId });
    await customerWs.next("chat.state", (frame) => frame.update.state === "closed");
    await queuedWs.next("chat.state", (frame) => frame.update.state === "waiting");
    await operatorWs.next("chat", (frame) => frame.chat.state === "closed");
    const early = await TestSocket.open(server.wsUrl);
    early.send({ type: "typing.set", chatId, typing: true });
    await early.closed();

    const frames: ServerFrame[] = [
      ...customerWs.frames,
      ...operatorWs.frames,
      ...early.frames,
      ...queuedWs.frames,
    ];
    const documented = frameTable("Server → client");
    const objectTables = new Map(objects.map(([heading]) => [heading, objectFields(heading)]));
    const keysOf = (value: object) => Object.keys(value).sort();
    for (const frame of frames) {
      const fields = documented.get(frame.type)?.map((field) => field.replace(/\?$/, ""));
      expect(fields, `a ${frame.type} frame`).toBeDefined();
      for (const key of keysOf(frame)) {
        if (key !== "type") expect(fields, `${frame.type}.${key}`).toContain(key);
      }
      if (frame.type === "message" || frame.type === "ack" || frame.type === "message.masked") {
        expect(objectTables.get("A message")).toEqual(
          expect.arrayContaining(keysOf(frame.message)),
        );
      }
      if (frame.type === "chat.state") {
        expect(objectTables.get("A chat's state")).toEqual(
          expect.arrayContaining(keysOf(frame.update)),
        );
      }
      if (frame.type === "chat") {
        expect(objectTables.get("A chat")).toEqual(expect.arrayContaining(keysOf(frame.chat)));
      }
    }
    const types = new Set(frames.map((frame) => frame.type));
    expect([...types].sort()).toEqual([...documented.keys()].sort());

    const codes = errorCodes();
    const received = frames.flatMap((frame) => (frame.type === "error" ? [frame.code] : []));
    expect(new Set(received)).toEqual(
      new Set([
        "invalid_json",
        "validation_failed",
        "not_allowed",
        "chat_not_found",
        "unauthenticated",
      ]),
    );
    for (const code of received) expect(codes.get(code), code).toMatch(/\bframe\b/);
  });
});
