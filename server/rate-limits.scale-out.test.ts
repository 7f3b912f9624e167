/** The REST API's rate limits over two processes sharing one Redis: each limit counts the
 *  requests of every process, so two processes do not allow twice as much. */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOperator, buildService, post } from "./test/factories.js";
import { startTestServer, type TestServer } from "./test/harness.js";

const CHAT_REQUESTS_PER_MINUTE = 4;
const env = {
  REDIS_URL: process.env.TEST_REDIS_URL ?? "",
  SESSION_SECRET: "a shared secret of every process, long enough",
  CHAT_REQUESTS_PER_MINUTE: String(CHAT_REQUESTS_PER_MINUTE),
};
let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  [first, second] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
});
afterAll(() => Promise.all([first.close(), second.close()]));

/** A customer's address of its own (documentation range), forwarded by the proxy on this host:
 *  the counts in Redis outlive a run and are shared with other runs from 127.0.0.1. */
const customerAddress = () =>
  `2001:db8:${randomBytes(6).toString("hex").match(/.{4}/g)?.join(":")}::1`;

describe("rate limits across two processes", () => {
  it("refuse the 11th login attempt at one account, made on either process, with 429 naming the login limit", async () => {
    const operator = await buildOperator(first);
    const attempt = (server: TestServer) =>
      post(server, "/api/auth/login", { email: operator.email, password: "a guess" });
    // The operator's own login, on the first, was the first attempt.
    for (let index = 2; index <= 10; index++) {
      const response = await attempt(index % 2 === 0 ? second : first);
      expect(response.status, `attempt ${index}`).toBe(401);
    }
    for (const server of [first, second]) {
      const refused = await attempt(server);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({
        error: { code: "rate_limited", message: expect.stringContaining(`limit "login"`) },
      });
    }
  });

  it("refuse one address's chat request past the limit, made on either process, while another address gets its chat", async () => {
    const service = await buildService(first);
    await buildOperator(second, { services: [service], status: "online", chatLimit: 20 });
    const address = customerAddress();
    const request = (server: TestServer, from: string) =>
      fetch(`${server.url}/api/widget/chats`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": from },
        body: JSON.stringify({ serviceKey: service.key, consent: true, channel: "widget" }),
      });
    for (let index = 0; index < CHAT_REQUESTS_PER_MINUTE; index++) {
      const response = await request(index % 2 === 0 ? first : second, address);
      expect(response.status, `request ${index + 1}`).toBe(201);
    }
    const refused = await request(second, address);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      error: { code: "rate_limited", message: expect.stringContaining(`limit "chat-requests"`) },
    });
    expect((await request(first, customerAddress())).status).toBe(201);
  });
});
