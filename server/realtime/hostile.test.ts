/**
 * Hostile input over the WebSocket (ARCHITECTURE.md, "Reliability and security bars"): malformed,
 * oversized and random frames get an error frame or a clean close, never a crash, never a stored
 * row, and never a frame at anyone else's chat; the server goes on answering a normal chat.
 */
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorCode } from "../../shared/errors.js";
import { MAX_FRAME_BYTES } from "../../shared/limits.js";
import { clientFrame } from "../../shared/protocol.js";
import { buildOperator, buildService, operatorSocket, requestChat } from "../test/factories.js";
import { Fuzzer, type FuzzFrame } from "../test/fuzz.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { expectOnlyMarker, type LiveChat, liveChat, mark } from "../test/live-chat.js";
import { TestSocket } from "../test/socket.js";
import { chats, messages } from "../test/tables.js";
import { FRAME_BURST } from "./frame-budget.js";

const FUZZ_SEED = 0x5eed_2026;
const FUZZ_FRAMES = 5000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const countMessages = () => server.app.context.db.$count(messages);

/** The victims' rows and the whole message table: what hostile frames must leave as they were. */
async function snapshot(victims: LiveChat[]) {
  const rows = await server.app.context.db
    .select()
    .from(chats)
    .where(
      inArray(
        chats.id,
        victims.map((victim) => victim.chatId),
      ),
    );
  return { messages: await countMessages(), chats: rows };
}

/** What the server must answer to a frame, from the protocol's own schema. */
function expectedCode(frame: FuzzFrame, authenticated: boolean): ErrorCode {
  if (frame.binary) return "validation_failed";
  let json: unknown;
  try {
    // The bytes the server reads: lone surrogates come out of UTF-8 as U+FFFD.
    json = JSON.parse(Buffer.from(frame.data).toString("utf8"));
  } catch {
    return "invalid_json";
  }
  const parsed = clientFrame.safeParse(json);
  if (!parsed.success) return "validation_failed";
  if (!authenticated) return "unauthenticated";
  // A second hello is refused; every chat frame aims at a chat that is not the sender's.
  return parsed.data.type === "hello" ? "validation_failed" : "chat_not_found";
}

function sendFrame(ws: TestSocket, frame: FuzzFrame): void {
  ws.socket.send(frame.data, { binary: frame.binary });
}

/** Error codes (or other frame types) a socket received after its first `skip` frames. */
const answers = (ws: TestSocket, skip: number) =>
  ws.frames.slice(skip).map((frame) => (frame.type === "error" ? frame.code : frame.type));

async function inTurns<T>(items: T[], parallel: number, run: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

describe("malformed frames", () => {
  it("are each answered with an error frame naming the fault; nothing is stored and the connection keeps working", async () => {
    const chat = await liveChat(server);
    const { chatId } = chat;
    const message = { type: "message.send", chatId, clientId: "c-1", body: "hi" };
    const cases: Array<[string | Buffer | object, ErrorCode, string?]> = [
      ["{type:", "invalid_json"],
      ["", "invalid_json"],
      ['{"type":"message.send"', "invalid_json"],
      ["null", "validation_failed", "frame"],
      ["[]", "validation_failed", "frame"],
      ['"message.send"', "validation_failed", "frame"],
      [{ chatId }, "validation_failed", "frame.type"],
      [{ type: "message.delete", chatId }, "validation_failed", "frame.type"],
      [{ type: 7, chatId }, "validation_failed", "frame.type"],
      [{ ...message, chatId: "42" }, "validation_failed", "frame.chatId"],
      [
        { ...message, chatId: chatId.toUpperCase().replace("-", "") },
        "validation_failed",
        "frame.chatId",
      ],
      [{ ...message, clientId: 1 }, "validation_failed", "frame.clientId"],
      [{ ...message, clientId: "c".repeat(65) }, "validation_failed", "frame.clientId"],
      [{ ...message, body: " \n\t " }, "validation_failed", "frame.body"],
      [{ ...message, body: "x".repeat(5001) }, "validation_failed", "frame.body"],
      [{ ...message, body: { text: "hi" } }, "validation_failed", "frame.body"],
      [{ ...message, body: "a\u0000b" }, "validation_failed", "frame.body"],
      [{ type: "typing.set", chatId, typing: "yes" }, "validation_failed", "frame.typing"],
      [{ type: "read.set", chatId, seq: -1 }, "validation_failed", "frame.seq"],
      [{ type: "read.set", chatId, seq: 1.5 }, "validation_failed", "frame.seq"],
      [{ type: "rating.set", chatId, score: 6 }, "validation_failed", "frame.score"],
      [
        { type: "rating.set", chatId, score: 5, comment: "c".repeat(2001) },
        "validation_failed",
        "frame.comment",
      ],
      [
        { type: "rating.set", chatId, score: 5, comment: "\u0000" },
        "validation_failed",
        "frame.comment",
      ],
      [
        { type: "chat.transfer", chatId, operatorId: "me" },
        "validation_failed",
        "frame.operatorId",
      ],
      [
        { type: "chat.end", chatId, requestId: "r".repeat(65) },
        "validation_failed",
        "frame.requestId",
      ],
      [{ type: "hello", cursors: "all" }, "validation_failed", "frame.cursors"],
      [{ type: "hello", cursors: [] }, "validation_failed"],
      [Buffer.from(JSON.stringify(message)), "validation_failed"],
    ];
    const before = await countMessages();
    const since = mark(chat);
    for (const [data, code, field] of cases) {
      if (Buffer.isBuffer(data)) chat.customerWs.socket.send(data, { binary: true });
      else chat.customerWs.send(data);
      const refusal = await chat.customerWs.next("error");
      expect({ data, code: refusal.code, field: refusal.field }).toEqual({ data, code, field });
    }
    expect(await countMessages()).toBe(before);
    await expectOnlyMarker(chat, since, (frame) => frame.type === "error");
  });

  it("over MAX_FRAME_BYTES close their connection with 1009 before being read; a frame of exactly the limit is read; other connections go on", async () => {
    const chat = await liveChat(server);
    const before = await countMessages();
    const since = mark(chat);
    const attacker = await TestSocket.open(server.wsUrl);
    attacker.send(JSON.stringify("x".repeat(MAX_FRAME_BYTES - 2)));
    expect((await attacker.next("error")).code).toBe("validation_failed");
    attacker.send({
      type: "message.send",
      chatId: chat.chatId,
      clientId: "big",
      body: "x".repeat(MAX_FRAME_BYTES),
    });
    expect(await attacker.closed()).toBe(1009);
    expect(await countMessages()).toBe(before);
    await expectOnlyMarker(chat, since);
  });

  it("that are not UTF-8 text close their connection with 1007", async () => {
    const chat = await liveChat(server);
    const since = mark(chat);
    const attacker = await TestSocket.open(server.wsUrl);
    attacker.socket.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false });
    expect(await attacker.closed()).toBe(1007);
    await expectOnlyMarker(chat, since);
  });
});

describe(`a fuzz run (seed ${FUZZ_SEED})`, () => {
  let victims: LiveChat[];
  let fuzzer: Fuzzer;
  beforeAll(async () => {
    victims = [await liveChat(server), await liveChat(server)];
    const forged = victims.map(
      ({ chat }) => `${chat.customerToken.replace(/\.[^.]*$/, "")}.forged`,
    );
    fuzzer = new Fuzzer(
      FUZZ_SEED,
      victims.map((victim) => victim.chatId),
      [...forged, "", "x", "a.b.c", "..", victims[0]?.service.id ?? ""],
    );
  });

  it(`answers ${FUZZ_FRAMES} random and mutated frames from a customer and an operator, each with the error the schema predicts; nothing is stored and no chat sees a thing`, async () => {
    // The attackers: a customer of another chat of the victim's service, and an operator of
    // another service. Each connection stays within the burst the rate limit allows.
    const customer = await requestChat(server, victims[0]?.service as LiveChat["service"]);
    const operator = await buildOperator(server, { services: [await buildService(server)] });
    const perConnection = FRAME_BURST - 2;
    const batches = Array.from({ length: Math.ceil(FUZZ_FRAMES / perConnection) }, (_, index) => ({
      index,
      frames: Array.from({ length: perConnection }, () => fuzzer.next()),
    }));
    const before = await snapshot(victims);
    const since = victims.map(mark);

    await inTurns(batches, 4, async ({ index, frames }) => {
      let ws: TestSocket;
      if (index % 2 === 0) {
        ws = await TestSocket.open(server.wsUrl);
        ws.send({ type: "hello", customerToken: customer.customerToken, cursors: [] });
        await ws.next("welcome");
      } else {
        ws = await operatorSocket(server, operator);
      }
      for (const frame of frames) sendFrame(ws, frame);
      // Frames are handled in order: the probe's answer comes after every fuzz frame's.
      const probe = `probe${index}`;
      ws.send({ type: "typing.set", chatId: crypto.randomUUID(), typing: true, requestId: probe });
      await ws.next("error", (frame) => frame.requestId === probe);
      expect(answers(ws, 1), `batch ${index}`).toEqual([
        ...frames.map((frame) => expectedCode(frame, true)),
        "chat_not_found",
      ]);
      ws.close();
    });

    expect(await snapshot(victims)).toEqual(before);
    for (const [index, victim] of victims.entries()) {
      await expectOnlyMarker(victim, since[index] as ReturnType<typeof mark>);
    }
  });

  it("answers random frames before hello with their error, up to the first well-formed one, which is refused as unauthenticated with the connection closed", async () => {
    const before = await snapshot(victims);
    const since = victims.map(mark);
    const wellFormed = (frame: FuzzFrame) => expectedCode(frame, false) === "unauthenticated";
    const connections = Array.from({ length: 200 }, () => {
      const frames = [fuzzer.next()];
      while (!wellFormed(frames.at(-1) as FuzzFrame) && frames.length < FRAME_BURST / 2) {
        frames.push(fuzzer.next());
      }
      if (!wellFormed(frames.at(-1) as FuzzFrame)) {
        frames.push({ data: JSON.stringify(fuzzer.validFrame()), binary: false });
      }
      return frames;
    });
    await inTurns(connections, 4, async (frames) => {
      const ws = await TestSocket.open(server.wsUrl);
      for (const frame of frames) sendFrame(ws, frame);
      expect(await ws.closed()).toBe(4401);
      expect(answers(ws, 0)).toEqual(frames.map((frame) => expectedCode(frame, false)));
    });
    expect(await snapshot(victims)).toEqual(before);
    for (const [index, victim] of victims.entries()) {
      await expectOnlyMarker(victim, since[index] as ReturnType<typeof mark>);
    }
  });
});
