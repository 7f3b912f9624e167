/** The chat lifecycle and assignment over two processes sharing one PostgreSQL and one Redis:
 *  what one process does, clients of the other see, and a process going away loses nothing. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildOperator,
  buildService,
  customerSocket,
  post,
  requestChat,
  type TestOperator,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import type { TestSocket } from "../test/socket.js";
import { chats } from "../test/tables.js";

const env = {
  REDIS_URL: process.env.TEST_REDIS_URL ?? "",
  SESSION_SECRET: "a shared secret of every process, long enough",
};
let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  first = await startTestServer({ env });
  second = await startTestServer({ env });
});
afterAll(async () => {
  await first.close();
  await second.close();
});

describe("a chat across two processes", () => {
  it("carries typing, read state, rating and both ends between a customer on one and the operator on the other", async () => {
    const service = await buildService(first);
    const operator = await buildOperator(second, { services: [service], status: "online" });
    const operatorWs = operator.socket as TestSocket;
    const chat = await requestChat(first, service);
    const chatId = chat.chat.id;
    await operatorWs.next("chat", (frame) => frame.chat.id === chatId);
    const customerWs = await customerSocket(first, chat);
    await customerWs.next("synced");

    customerWs.send({ type: "typing.set", chatId, typing: true });
    expect(await operatorWs.next("typing")).toMatchObject({
      chatId,
      role: "customer",
      typing: true,
    });

    customerWs.send({ type: "message.send", chatId, clientId: "c1", body: "hello" });
    const { message } = await operatorWs.next("message", (frame) => frame.message.body === "hello");
    operatorWs.send({ type: "read.set", chatId, seq: message.seq });
    expect(await customerWs.next("read")).toMatchObject({ role: "operator", seq: message.seq });

    customerWs.send({ type: "rating.set", chatId, score: 5 });
    const rated = await operatorWs.next("chat.state", (frame) => frame.update.rating === 5);
    expect(rated.update.chatId).toBe(chatId);

    customerWs.send({ type: "chat.end", chatId });
    await operatorWs.next("chat.state", (frame) => frame.update.state === "ended_by_customer");
    operatorWs.send({ type: "chat.end", chatId });
    await customerWs.next("chat.state", (frame) => frame.update.state === "closed");
    customerWs.close();
  });

  it("resumes on the other process with nothing lost when the customer's process goes away", async () => {
    const third = await startTestServer({ env });
    const service = await buildService(second);
    const operator = await buildOperator(second, { services: [service], status: "online" });
    const operatorWs = operator.socket as TestSocket;
    const chat = await requestChat(third, service);
    const chatId = chat.chat.id;
    await operatorWs.next("chat", (frame) => frame.chat.id === chatId);
    const customerWs = await customerSocket(third, chat);
    customerWs.send({ type: "message.send", chatId, clientId: "before", body: "before" });
    const acked = await customerWs.next("ack");

    // The customer's process stops; the operator, on the other, keeps writing meanwhile.
    await third.close();
    await customerWs.closed();
    for (const body of ["while away 1", "while away 2"]) {
      operatorWs.send({ type: "message.send", chatId, clientId: body, body });
      await operatorWs.next("ack", (frame) => frame.clientId === body);
    }

    const resumed = await customerSocket(second, chat, acked.message.seq);
    const missed = [await resumed.next("message"), await resumed.next("message")].map(
      (frame) => frame.message.body,
    );
    expect(missed).toEqual(["while away 1", "while away 2"]);
    await resumed.next("synced");
    resumed.send({ type: "message.send", chatId, clientId: "after", body: "after" });
    await operatorWs.next("message", (frame) => frame.message.body === "after");
    resumed.close();
  });
});

describe("assignment across two processes", () => {
  it("assigns 200 simultaneous requests once each, within every limit, evenly over 10 operators", async () => {
    const service = await buildService(first);
    const operators: TestOperator[] = [];
    for (let index = 0; index < 10; index++) {
      const server = index % 2 === 0 ? first : second;
      operators.push(
        await buildOperator(server, { services: [service], status: "online", chatLimit: 25 }),
      );
    }
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        post(index % 2 === 0 ? first : second, "/api/widget/chats", {
          serviceKey: service.key,
          consent: true,
          channel: "help_center",
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(200).fill(201));

    const { db } = first.app.context;
    const held = await db
      .select({ operatorId: chats.operatorId, count: sql<number>`count(*)::int` })
      .from(chats)
      .where(eq(chats.serviceId, service.id))
      .groupBy(chats.operatorId);
    const counts = new Map(held.map((row) => [row.operatorId, row.count]));
    expect(counts.get(null)).toBeUndefined();
    for (const operator of operators) {
      const count = counts.get(operator.id) ?? 0;
      expect(count).toBeGreaterThanOrEqual(19);
      expect(count).toBeLessThanOrEqual(21);
      // Each operator's console is told of exactly their chats, once each.
      const announced = new Set<string>();
      while (announced.size < count) {
        announced.add((await (operator.socket as TestSocket).next("chat")).chat.id);
      }
      const theirs = await db
        .select({ id: chats.id })
        .from(chats)
        .where(eq(chats.operatorId, operator.id));
      expect([...announced].sort()).toEqual(theirs.map((row) => row.id).sort());
    }
  });
});
