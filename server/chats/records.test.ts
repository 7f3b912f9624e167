/** What the data model records for the features to come: the customer's language, the channel and
 *  device as parts, who held the chat and why, and operators who are deactivated. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignmentsOf } from "../assignment/assignment.js";
import { deactivateOperator } from "../auth/accounts.js";
import {
  buildOperator,
  buildService,
  customerSocket,
  post,
  requestChat,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { liveChat } from "../test/live-chat.js";
import type { TestSocket } from "../test/socket.js";
import { serviceTexts } from "../test/tables.js";
import { mayViewRecord } from "./policy.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const me = (cookie: string) => fetch(`${server.url}/api/auth/me`, { headers: { cookie } });

describe("the service's texts", () => {
  it("greet a customer in their language, and in the service's default one when it has none", async () => {
    const service = await buildService(server, { greeting: "Hello!" });
    await server.app.context.db
      .insert(serviceTexts)
      .values({ serviceId: service.id, language: "ja", greeting: "こんにちは！" });
    await buildOperator(server, { services: [service], status: "online" });
    const greetingIn = async (language: string) => {
      const chat = await requestChat(server, service, { language });
      const socket = await customerSocket(server, chat);
      const { message } = await socket.next("message");
      socket.close();
      return message.body;
    };
    expect(await greetingIn("ja")).toBe("こんにちは！");
    expect(await greetingIn("ko")).toBe("Hello!");
  });
});

describe("a chat's record", () => {
  it("keeps the channel, the page, the language and the device as parts", async () => {
    const service = await buildService(server);
    const operator = await buildOperator(server, { services: [service], status: "online" });
    const response = await fetch(`${server.url}/api/widget/chats`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent":
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
      },
      body: JSON.stringify({
        serviceKey: service.key,
        consent: true,
        channel: "widget",
        pageUrl: "https://shop.example.com/cart",
        language: "ja",
      }),
    });
    const { chat } = (await response.json()) as { chat: { id: string } };
    const listed = await (operator.socket as TestSocket).next(
      "chat",
      (frame) => frame.chat.id === chat.id,
    );
    expect(listed.chat).toMatchObject({
      channel: "widget",
      pageUrl: "https://shop.example.com/cart",
      language: "ja",
      device: { browser: "Mobile Safari", browserVersion: "17", os: "iOS", type: "mobile" },
      version: 1,
      customer: { version: 1 },
    });
  });

  it("refuses a channel that is not one of the three, naming the field", async () => {
    const service = await buildService(server);
    const response = await post(server, "/api/widget/chats", {
      serviceKey: service.key,
      consent: true,
      channel: "https://shop.example.com/",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "validation_failed", field: "body.channel" },
    });
  });

  it("records every operator who held the chat: the assignment and the transfer", async () => {
    const { chatId, operator, operatorWs, service } = await liveChat(server);
    const colleague = await buildOperator(server, { services: [service], status: "online" });
    operatorWs.send({
      type: "chat.transfer",
      chatId,
      operatorId: colleague.id,
      requestId: "t-1",
    });
    await (colleague.socket as TestSocket).next("chat", (frame) => frame.chat.id === chatId);
    const held = await assignmentsOf(server.app.context.db, chatId);
    expect(held.map((row) => [row.reason, row.operatorId, row.fromOperatorId])).toEqual([
      ["requested", operator.id, null],
      ["transferred", colleague.id, operator.id],
    ]);
  });
});

describe("a deactivated operator", () => {
  it("is logged out at once, their console closes, and they get no chat", async () => {
    const service = await buildService(server);
    const operator = await buildOperator(server, { services: [service], status: "online" });
    expect((await me(operator.cookie)).status).toBe(200);
    expect(await deactivateOperator(server.app.context, operator.id)).toBe(true);
    expect(await (operator.socket as TestSocket).closed()).toBe(4401);
    expect((await me(operator.cookie)).status).toBe(401);
    const login = await post(server, "/api/auth/login", {
      email: operator.email,
      password: operator.password,
    });
    expect(login.status).toBe(401);
    const refused = await post(server, "/api/widget/chats", {
      serviceKey: service.key,
      consent: true,
      channel: "widget",
    });
    expect(await refused.json()).toMatchObject({ error: { code: "no_operator_available" } });
  });
});

describe("who may see a chat's record", () => {
  const chat = { serviceId: "service-a" };
  it("is a member of its service, or an administrator", () => {
    expect(mayViewRecord({ role: "operator" }, chat, ["service-a"])).toBe(true);
    expect(mayViewRecord({ role: "operator" }, chat, ["service-b"])).toBe(false);
    expect(mayViewRecord({ role: "administrator" }, chat, [])).toBe(true);
  });
});
