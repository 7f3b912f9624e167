/** One queue served by two processes at once: every queued chat goes to exactly one operator. */
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOperator, buildService, requestChat } from "../test/factories.js";
import { startTwoProcesses, type TestServer } from "../test/harness.js";
import type { TestSocket } from "../test/socket.js";
import { chatAssignments, chats } from "../test/tables.js";

let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  [first, second] = await startTwoProcesses();
});
afterAll(async () => {
  await first.close();
  await second.close();
});

describe("a queue across two processes", () => {
  it("gives each queued chat to one operator when slots free on both processes at once", async () => {
    const service = await buildService(first);
    const [one, two] = [
      await buildOperator(first, { services: [service], status: "online", chatLimit: 1 }),
      await buildOperator(second, { services: [service], status: "online", chatLimit: 1 }),
    ];
    const sockets = [one.socket, two.socket] as TestSocket[];
    const held = [await requestChat(first, service), await requestChat(second, service)];
    const queued = [await requestChat(second, service), await requestChat(first, service)];
    expect(queued.map((chat) => chat.chat.state)).toEqual(["queued", "queued"]);
    const queuedIds = queued.map((chat) => chat.chat.id);

    // Each operator ends the chat they hold, on their own process, at the same moment.
    const { db } = first.app.context;
    const holders = await db
      .select({ id: chats.id, operatorId: chats.operatorId })
      .from(chats)
      .where(
        inArray(
          chats.id,
          held.map((chat) => chat.chat.id),
        ),
      );
    for (const [index, operator] of [one, two].entries()) {
      const chatId = holders.find((chat) => chat.operatorId === operator.id)?.id;
      sockets[index]?.send({ type: "chat.end", chatId });
    }
    const given = await Promise.all(
      sockets.map((socket) =>
        socket.next(
          "chat",
          (frame) => queuedIds.includes(frame.chat.id) && frame.chat.state === "waiting",
        ),
      ),
    );
    expect(new Set(given.map((frame) => frame.chat.id))).toEqual(new Set(queuedIds));
    expect(given.map((frame) => frame.chat.operatorId)).toEqual([one.id, two.id]);
    const assignments = await db
      .select({ chatId: chatAssignments.chatId })
      .from(chatAssignments)
      .where(inArray(chatAssignments.chatId, queuedIds));
    expect(assignments.map((row) => row.chatId).sort()).toEqual([...queuedIds].sort());
  });
});
