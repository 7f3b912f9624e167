/** The name and email a customer gives before a chat (or the page prefills, docs/widget.md):
 *  they reach the operator as the customer info, never over what is there already. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatListResponse, StartChatResponse } from "../../shared/api.js";
import { adminCookie, buildOperator, buildService, call, post } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const ask = (serviceKey: string, more: object) =>
  post(server, "/api/widget/chats", { serviceKey, consent: true, channel: "widget", ...more });

async function customerSeenBy(cookie: string, chatId: string) {
  const listed = await fetch(`${server.url}/api/chats`, { headers: { cookie } });
  return ((await listed.json()) as ChatListResponse).chats.find((chat) => chat.id === chatId)
    ?.customer;
}

describe("a customer's name and email given with the chat request", () => {
  it("shows them to the operator as the customer info", async () => {
    const service = await buildService(server);
    const operator = await buildOperator(server, { services: [service], status: "online" });
    const response = await ask(service.key, {
      customer: { name: "  Aiko Tanaka ", email: "aiko@example.com" },
    });
    expect(response.status).toBe(201);
    const { chat } = (await response.json()) as StartChatResponse;
    expect(await customerSeenBy(operator.cookie, chat.id)).toMatchObject({
      name: "Aiko Tanaka",
      email: "aiko@example.com",
    });
  });

  it("refuses an email that is not one, naming the field, and stores nothing", async () => {
    const service = await buildService(server);
    const operator = await buildOperator(server, { services: [service], status: "online" });
    const response = await ask(service.key, { customer: { name: "Aiko", email: "aiko@" } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "validation_failed", field: "body.customer.email" },
    });
    const listed = await fetch(`${server.url}/api/chats`, {
      headers: { cookie: operator.cookie },
    });
    expect(((await listed.json()) as ChatListResponse).chats).toEqual([]);
  });

  it("keeps what the customer info already says for a returning customer", async () => {
    const service = await buildService(server);
    const operator = await buildOperator(server, { services: [service], status: "online" });
    const first = (await (
      await ask(service.key, { customer: { name: "Aiko Tanaka" } })
    ).json()) as StartChatResponse;
    const again = await ask(service.key, {
      customerToken: first.customerToken,
      customer: { name: "Someone Else", email: "aiko@example.com" },
    });
    const { chat } = (await again.json()) as StartChatResponse;
    expect(await customerSeenBy(operator.cookie, chat.id)).toMatchObject({
      name: "Aiko Tanaka",
      email: "aiko@example.com",
    });
  });
});

describe("a service's pre-chat fields", () => {
  it("are set by an administrator, shown to the widget, and required of a chat request", async () => {
    const service = await buildService(server);
    await buildOperator(server, { services: [service], status: "online" });
    const changed = await call(server, "PATCH", `/api/services/${service.id}`, {
      cookie: await adminCookie(server),
      body: { askName: true, askEmail: true },
    });
    expect(changed.status).toBe(200);
    const widget = await fetch(`${server.url}/api/widget/services/${service.key}`);
    const shown = (await widget.json()) as { service: object };
    expect(shown.service).toMatchObject({ askName: true, askEmail: true });

    const without = await ask(service.key, { customer: { name: "Aiko" } });
    expect(without.status).toBe(400);
    expect(await without.json()).toMatchObject({
      error: { code: "validation_failed", field: "body.customer.email", reason: "required" },
    });
    const given = await ask(service.key, { customer: { name: "Aiko", email: "aiko@example.com" } });
    expect(given.status).toBe(201);
  });
});
