/**
 * A client that stops reading must not make the server hold its frames without bound: past
 * MAX_BUFFERED_BYTES unsent it is closed (4408), and it resumes from its cursor with nothing lost.
 * A client that reads is never taken for a slow one, however long the transcript it is replayed.
 */
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { MAX_MESSAGE_LENGTH } from "../../shared/limits.js";
import { appendMessage, lockChat, storeMessage } from "../chats/chats.js";
import { customerSocket } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { liveChat } from "../test/live-chat.js";
import type { TestSocket } from "../test/socket.js";
import { MAX_BUFFERED_BYTES } from "./connection.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const body = "x".repeat(MAX_MESSAGE_LENGTH);

/** The TCP socket under a client's WebSocket: pausing it stops reading, as a stalled client. */
const tcpOf = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket;

/** The server's end of a test client's connection. */
function serverEndOf(client: TestSocket): WebSocket {
  const port = tcpOf(client.socket).localPort;
  for (const socket of server.app.server.websocketServer.clients) {
    if (tcpOf(socket).remotePort === port) return socket;
  }
  throw new Error("the server has no such connection");
}

/** Sequence numbers of the messages a socket received, in the order it received them. */
const seqs = (ws: TestSocket) =>
  ws.frames.flatMap((frame) => (frame.type === "message" ? [frame.message.seq] : []));
const oneTo = (last: number) => Array.from({ length: last }, (_, index) => index + 1);

describe("a client that stops reading", () => {
  it("is closed once its unsent frames pass the limit, which then stops growing, and resumes from its cursor with nothing lost", async () => {
    const chat = await liveChat(server);
    const { context } = server.app;
    const stalled = await customerSocket(server, chat.chat);
    await stalled.next("chat.state");
    const serverEnd = serverEndOf(stalled);
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

    // Reading again, the client gets what was buffered, then the reason it was closed.
    tcpOf(stalled.socket).resume();
    expect(await stalled.closed()).toBe(4408);
    const held = seqs(stalled);
    expect(held).toEqual(oneTo(held.length));
    expect(held.length).toBeLessThan(written);

    const resumed = await customerSocket(server, chat.chat, held.length);
    const synced = await resumed.next("synced");
    expect(synced.lastSeq).toBe(written + 1);
    expect([...held, ...seqs(resumed)]).toEqual(oneTo(written + 1));
    resumed.close();
  });
});

describe("a client that reads", () => {
  it("is replayed a transcript many times the send limit at its own pace, without being closed", async () => {
    const chat = await liveChat(server);
    const count = 2000;
    await server.app.context.db.transaction(async (tx) => {
      const row = await lockChat(tx, chat.chatId);
      for (let index = 0; index < count; index++) {
        await storeMessage(tx, row, { author: "customer", clientId: `c-${index}`, body });
      }
    });
    // About 10 MB: ten times what may wait unsent, more than the kernel's buffers take.
    const reader = await customerSocket(server, chat.chat);
    const synced = await reader.next("synced");
    expect(synced.lastSeq).toBe(count + 1);
    expect(seqs(reader)).toEqual(oneTo(count + 1));
    expect(reader.closeCode).toBeNull();
    reader.close();
  });
});
