/**
 * A connection that sends frames faster than its budget (frame-budget.ts) is refused with
 * rate_limited and closed, without harming anyone else; a client within the budget never notices.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerSocket } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { expectOnlyMarker, liveChat, mark } from "../test/live-chat.js";
import { tcpOf } from "../test/socket.js";
import { messages } from "../test/tables.js";
import { FRAME_BURST, OPERATOR_FRAME_BURST } from "./frame-budget.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("a flood of frames", () => {
  it("is refused with rate_limited and its connection closed (4429), while another chat's round trip goes on; the flooder may reconnect and chat", async () => {
    const flooder = await liveChat(server);
    const bystander = await liveChat(server);
    const since = mark(bystander);
    const { db } = server.app.context;
    const before = await db.$count(messages);

    const flood = await customerSocket(server, flooder.chat);
    for (let index = 0; index < 20 * FRAME_BURST; index++) {
      flood.send({
        type: "message.send",
        chatId: flooder.chatId,
        clientId: `flood-${index}`,
        body: `flood ${index}`,
      });
    }
    // The bystander's round trip works while the flood is being refused.
    await expectOnlyMarker(bystander, since);
    const refusal = await flood.next("error", (frame) => frame.code === "rate_limited");
    expect(refusal.clientId).toBeUndefined();
    expect(await flood.closed()).toBe(4429);
    // Frames past the budget were never handled; those within it at most were.
    const stored = (await db.$count(messages)) - before - 1;
    expect(stored).toBeLessThanOrEqual(FRAME_BURST);
    const acked = flood.frames.filter((frame) => frame.type === "ack").length;
    expect(acked).toBeLessThanOrEqual(stored);

    // A reconnect starts with a fresh budget: the flooder's chat goes on.
    const again = await customerSocket(server, flooder.chat);
    again.send({ type: "message.send", chatId: flooder.chatId, clientId: "calm", body: "sorry" });
    await flooder.operatorWs.next("message", (frame) => frame.message.clientId === "calm");
    await again.next("ack", (frame) => frame.clientId === "calm");
    again.close();
  });

  it("is not what a client sending a full burst at once gets: every frame is handled", async () => {
    const chat = await liveChat(server);
    const ws = await customerSocket(server, chat.chat);
    // The hello spent one frame of the burst.
    const burst = FRAME_BURST - 1;
    for (let index = 0; index < burst; index++) {
      ws.send({
        type: "message.send",
        chatId: chat.chatId,
        clientId: `burst-${index}`,
        body: `burst ${index}`,
      });
    }
    await ws.next("ack", (frame) => frame.clientId === `burst-${burst - 1}`);
    expect(ws.frames.filter((frame) => frame.type === "ack")).toHaveLength(burst);
    expect(ws.frames.filter((frame) => frame.type === "error")).toEqual([]);
    ws.close();
  });

  it("leaves an operator's console ten times the room of a customer's, still bounded", async () => {
    const chat = await liveChat(server);
    const { operatorWs } = chat;
    // Far past a customer's burst, within an operator's.
    const burst = 5 * FRAME_BURST;
    for (let index = 0; index < burst; index++) {
      operatorWs.send({
        type: "message.send",
        chatId: chat.chatId,
        clientId: `reply-${index}`,
        body: `reply ${index}`,
      });
    }
    await operatorWs.next("ack", (frame) => frame.clientId === `reply-${burst - 1}`);
    expect(operatorWs.frames.filter((frame) => frame.type === "error")).toEqual([]);

    // Frames that cost no handling (they fail validation at once), written in one go: they
    // arrive far faster than any refill, however slowly this machine runs. Frames that need the
    // database (typing, messages) are handled between reads, so on a loaded machine their
    // arrival is paced by their handling and may never outrun the refill.
    const tcp = tcpOf(operatorWs.socket);
    tcp.cork();
    for (let index = 0; index < 10 * OPERATOR_FRAME_BURST; index++) {
      operatorWs.send(`{"type":"flood","n":${index}}`);
    }
    tcp.uncork();
    await operatorWs.next("error", (frame) => frame.code === "rate_limited");
    expect(await operatorWs.closed()).toBe(4429);
  });
});
