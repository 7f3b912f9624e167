/** Two processes on one PostgreSQL and one Redis: a customer on one and the operator on the other
 *  chat as if there were one. Runs in the scale-out project (vitest.config.ts). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildOperator,
  buildService,
  customerSocket,
  operatorSocket,
  requestChat,
} from "../test/factories.js";
import { startTwoProcesses, type TestServer } from "../test/harness.js";
import type { TestSocket } from "../test/socket.js";

let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  [first, second] = await startTwoProcesses();
});
afterAll(async () => {
  await first.close();
  await second.close();
});

describe("two server processes", () => {
  it("carry a chat between a customer on one and the operator on the other, both ways", async () => {
    const service = await buildService(first);
    const operator = await buildOperator(second, { services: [service], status: "online" });
    const operatorWs = await operatorSocket(second, operator);

    const chat = await requestChat(first, service);
    await operatorWs.next("chat", (frame) => frame.chat.id === chat.chat.id);
    const customerWs = await customerSocket(first, chat);
    await customerWs.next("synced");

    customerWs.send({
      type: "message.send",
      chatId: chat.chat.id,
      clientId: "c",
      body: "from process one",
    });
    expect(
      (await operatorWs.next("message", (frame) => frame.message.seq === 2)).message.body,
    ).toBe("from process one");
    operatorWs.send({
      type: "message.send",
      chatId: chat.chat.id,
      clientId: "o",
      body: "from process two",
    });
    expect(
      (await customerWs.next("message", (frame) => frame.message.seq === 3)).message.body,
    ).toBe("from process two");
    customerWs.close();
    operatorWs.close();
  });

  it("share presence: an operator connected to one process gets chats requested on the other, and moves them on going to break", async () => {
    const service = await buildService(first);
    const leaving = await buildOperator(first, { services: [service], status: "online" });
    const chat = await requestChat(second, service);
    const assigned = await (leaving.socket as TestSocket).next(
      "chat",
      (frame) => frame.chat.id === chat.chat.id,
    );
    expect(assigned.chat.operatorId).toBe(leaving.id);

    const staying = await buildOperator(second, { services: [service], status: "online" });
    const response = await fetch(`${second.url}/api/operators/me/status`, {
      method: "PUT",
      headers: { "content-type": "application/json", cookie: leaving.cookie },
      body: JSON.stringify({ status: "break" }),
    });
    expect(response.status).toBe(200);
    const moved = await (staying.socket as TestSocket).next(
      "chat",
      (frame) => frame.chat.id === chat.chat.id,
    );
    expect(moved.chat.operatorId).toBe(staying.id);
  });
});
