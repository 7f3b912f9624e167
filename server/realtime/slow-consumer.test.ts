/**
 * A client that stops reading must not make the server hold its frames without bound: past
 * MAX_BUFFERED_BYTES unsent it is closed (4408), and it resumes from its cursor with nothing lost.
 * A replay waits for the client to drain, but only for the stall bound: a client that stopped
 * reading is closed (4408) then too. A client that reads is never taken for a slow one, however
 * long the transcript it is replayed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { MAX_MESSAGE_LENGTH } from "../../shared/limits.js";
import { appendMessage, lockChat, storeMessage } from "../chats/chats.js";
import { customerSocket } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { type LiveChat, liveChat } from "../test/live-chat.js";
import { serverEndOf, TestSocket, tcpOf } from "../test/socket.js";
import { MAX_BUFFERED_BYTES } from "./connection.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const body = "x".repeat(MAX_MESSAGE_LENGTH);

/** Sequence numbers of the messages a socket received, in the order it received them. */
const seqs = (ws: TestSocket) =>
  ws.frames.flatMap((frame) => (frame.type === "message" ? [frame.message.seq] : []));
const oneTo = (last: number) => Array.from({ length: last }, (_, index) => index + 1);

/** A stalled client reads again: it gets what was buffered, in order, then the reason it was
 *  closed (4408); resuming from its cursor, it gets the rest of the chat up to `last`, each
 *  message once, in order. */
async function expectResumeAfterClose(
  on: TestServer,
  stalled: TestSocket,
  chat: LiveChat,
  last: number,
): Promise<void> {
  tcpOf(stalled.socket).resume();
  expect(await stalled.closed()).toBe(4408);
  const held = seqs(stalled);
  expect(held).toEqual(oneTo(held.length));
  expect(held.length).toBeLessThan(last);

  const resumed = await customerSocket(on, chat.chat, held.length);
  const synced = await resumed.next("synced");
  expect(synced.lastSeq).toBe(last);
  expect([...held, ...seqs(resumed)]).toEqual(oneTo(last));
  resumed.close();
}

describe("a client that stops reading", () => {
  it("is closed once its unsent frames pass the limit, which then stops growing, and resumes from its cursor with nothing lost", async () => {
    const chat = await liveChat(server);
    const { context } = server.app;
    const stalled = await customerSocket(server, chat.chat);
    await stalled.next("chat.state");
    const serverEnd = serverEndOf(server, stalled);
    tcpOf(stalled.socket).pause();

    // The operator writes on; the stalled customer's share piles up in the kernel, then in the
    // server's buffer, until the server gives the connection up.
    let written = 0;
    const write = () =>
      appendMessage(
        context,
        {
          chatId: chat.chatId,
          clientId: `o-${++written}`,
          body,
          author: "operator",
          operatorId: chat.operator.id,
          mayWrite: () => true,
        },
        "Olivia Operator",
      );
    while (serverEnd.readyState === WebSocket.OPEN) {
      // Kernel buffers on loopback take a few megabytes; this many is far past them.
      expect(written).toBeLessThan(5000);
      await write();
    }
    const buffered = serverEnd.bufferedAmount;
    expect(buffered).toBeGreaterThan(MAX_BUFFERED_BYTES);
    // Over by at most one frame and the close frame.
    expect(buffered).toBeLessThan(MAX_BUFFERED_BYTES + 2 * MAX_MESSAGE_LENGTH);
    for (let more = 0; more < 100; more++) await write();
    expect(serverEnd.bufferedAmount).toBeLessThanOrEqual(buffered);

    await expectResumeAfterClose(server, stalled, chat, written + 1);
  });
});

/** About 10 MB of transcript after the greeting: ten times what may wait unsent, more than the
 *  kernel's buffers take. Returns the chat's last sequence number. */
async function storeLongTranscript(on: TestServer, chatId: string): Promise<number> {
  const count = 2000;
  await on.app.context.db.transaction(async (tx) => {
    const row = await lockChat(tx, chatId);
    for (let index = 0; index < count; index++) {
      await storeMessage(tx, row, { author: "customer", clientId: `c-${index}`, body });
    }
  });
  return count + 1;
}

/** Resolves with the code the server closes its end of a connection with. */
function closedByServer(serverEnd: WebSocket): Promise<number | undefined> {
  const close = serverEnd.close.bind(serverEnd);
  return new Promise((resolve) => {
    serverEnd.close = (code, reason) => {
      resolve(code);
      close(code, reason);
    };
  });
}

describe("a client that stops reading during its replay", () => {
  let stallServer: TestServer;
  beforeAll(async () => {
    // A stall bound of a second instead of ten, so that the test does not wait long for the
    // close; still ample for the client that resumes, which reads as fast as it is sent.
    stallServer = await startTestServer({ env: { REPLAY_STALL_SECONDS: "1" } });
  });
  afterAll(() => stallServer.close());

  it("is closed (4408) once the replay has waited the stall bound for it, long before the heartbeat would drop it, and a later resume gets every message once, in order", async () => {
    const chat = await liveChat(stallServer);
    const last = await storeLongTranscript(stallServer, chat.chatId);
    const stalled = await TestSocket.open(stallServer.wsUrl);
    const givenUp = closedByServer(serverEndOf(stallServer, stalled));
    tcpOf(stalled.socket).pause();
    stalled.send({
      type: "hello",
      customerToken: chat.chat.customerToken,
      cursors: [{ chatId: chat.chatId, lastSeq: 0 }],
    });
    expect(await givenUp).toBe(4408);

    await expectResumeAfterClose(stallServer, stalled, chat, last);
  });
});

describe("a client that reads", () => {
  it("is replayed a transcript many times the send limit at its own pace, without being closed", async () => {
    const chat = await liveChat(server);
    const count = (await storeLongTranscript(server, chat.chatId)) - 1;
    const reader = await customerSocket(server, chat.chat);
    const synced = await reader.next("synced");
    expect(synced.lastSeq).toBe(count + 1);
    expect(seqs(reader)).toEqual(oneTo(count + 1));
    expect(reader.closeCode).toBeNull();
    reader.close();
  });
});
