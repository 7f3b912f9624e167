/**
 * One client address may hold only so many WebSockets at once, and open only so many a minute:
 * past either, the upgrade is refused with 429 before any handshake, and other addresses never
 * notice. Clients here sit behind the proxy that the server trusts (X-Forwarded-For), so each
 * test speaks from addresses of its own.
 */
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { ErrorBody } from "../../shared/errors.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { liveChat } from "../test/live-chat.js";
import { serverEndOf, TestSocket } from "../test/socket.js";
import { ConnectionLimit } from "./connection-limit.js";
import { FRAME_BURST } from "./frame-budget.js";

const PER_ADDRESS = 3;
const PER_MINUTE = 4;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: {
      WS_CONNECTIONS_PER_ADDRESS: String(PER_ADDRESS),
      WS_CONNECTIONS_PER_MINUTE: String(PER_MINUTE),
    },
  });
});
afterAll(() => server.close());

const from = (address: string) => ({ "x-forwarded-for": address });

/** A connection from the address, and a promise of the server's end closing. */
async function connectFrom(address: string) {
  const client = await TestSocket.open(server.wsUrl, from(address));
  return { client, gone: once(serverEndOf(server, client), "close") };
}

/** The HTTP response that refused an upgrade from the address. */
function refusedUpgrade(address: string, on = server): Promise<{ status?: number } & ErrorBody> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(on.wsUrl, { headers: from(address) });
    socket.once("open", () => reject(new Error("the upgrade was accepted")));
    socket.once("error", reject);
    socket.once("unexpected-response", async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      request.destroy();
      const body = JSON.parse(Buffer.concat(chunks).toString()) as ErrorBody;
      resolve({ status: response.statusCode, ...body });
    });
  });
}

const clientCount = () => server.app.server.websocketServer.clients.size;

describe("connections from one address", () => {
  it("are refused past the number allowed at once, with 429 before any handshake, while another address connects; closing one lets the next in", async () => {
    const office = "198.51.100.7";
    const held = [];
    for (let index = 0; index < PER_ADDRESS; index++) held.push(await connectFrom(office));
    const before = clientCount();

    const refused = await refusedUpgrade(office);
    expect(refused).toMatchObject({ status: 429, error: { code: "rate_limited" } });
    expect(refused.error.message).toMatch(/at once/);
    expect(clientCount()).toBe(before);
    const neighbour = await TestSocket.open(server.wsUrl, from("198.51.100.8"));

    const [first, ...others] = held;
    first?.client.close();
    await first?.gone;
    const next = await TestSocket.open(server.wsUrl, from(office));

    for (const socket of [next, neighbour, ...others.map(({ client }) => client)]) socket.close();
  });

  it("are refused past the number allowed a minute, even with none open: a flooder closed for its frames cannot come straight back with a fresh budget", async () => {
    const { chat } = await liveChat(server);
    const flooder = "203.0.113.9";
    for (let round = 0; round < PER_MINUTE; round++) {
      const { client, gone } = await connectFrom(flooder);
      client.send({ type: "hello", customerToken: chat.customerToken, cursors: [] });
      await client.next("welcome");
      for (let index = 0; index < 2 * FRAME_BURST; index++) {
        client.send({ type: "typing.set", chatId: chat.chat.id, typing: index % 2 === 0 });
      }
      expect(await client.closed()).toBe(4429);
      await gone;
    }

    const refused = await refusedUpgrade(flooder);
    expect(refused).toMatchObject({ status: 429, error: { code: "rate_limited" } });
    expect(refused.error.message).toMatch(/a minute/);
    const bystander = await TestSocket.open(server.wsUrl, from("203.0.113.10"));
    bystander.close();
  });
});

describe("a client that names its own address", () => {
  let direct: TestServer;
  beforeAll(async () => {
    direct = await startTestServer({
      env: { TRUST_PROXY: "false", WS_CONNECTIONS_PER_ADDRESS: String(PER_ADDRESS) },
    });
  });
  afterAll(() => direct.close());

  it("is counted by the address it connects from when no proxy is trusted", async () => {
    const held = [];
    for (let index = 0; index < PER_ADDRESS; index++) {
      held.push(await TestSocket.open(direct.wsUrl, from(`192.0.2.${index + 1}`)));
    }
    const refused = await refusedUpgrade("192.0.2.200", direct);
    expect(refused).toMatchObject({ status: 429, error: { code: "rate_limited" } });
    for (const socket of held) socket.close();
  });
});

describe("the count of connections opened a minute", () => {
  it("starts again for every address once the minute is over", () => {
    const limit = new ConnectionLimit(PER_ADDRESS, 1);
    expect(limit.admit("192.0.2.1", 0)).toBeNull();
    limit.release("192.0.2.1");
    expect(limit.admit("192.0.2.1", 59_999)).toMatch(/a minute/);
    expect(limit.admit("192.0.2.2", 59_999)).toBeNull();
    expect(limit.admit("192.0.2.1", 60_000)).toBeNull();
  });
});
