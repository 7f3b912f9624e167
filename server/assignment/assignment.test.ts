import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatListResponse, OperatorListResponse } from "../../shared/api.js";
import type { ServiceRow } from "../services/services.js";
import {
  buildOperator,
  buildService,
  login,
  post,
  requestChat,
  type TestOperator,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import type { TestSocket } from "../test/socket.js";
import { chats, operatorConnections, services } from "../test/tables.js";

let server: TestServer;
beforeAll(async () => {
  // Quick sweeps, so that a lost connection is noticed within a test's short grace period.
  server = await startTestServer({ env: { PRESENCE_HEARTBEAT_SECONDS: "0.1" } });
});
afterAll(() => server.close());

async function liveChatsOf(operator: TestOperator, on = server) {
  const response = await fetch(`${on.url}/api/chats`, { headers: { cookie: operator.cookie } });
  return ((await response.json()) as ChatListResponse).chats;
}

async function holderOf(
  chatId: string,
  operators: TestOperator[],
  on = server,
): Promise<TestOperator | undefined> {
  for (const operator of operators) {
    if ((await liveChatsOf(operator, on)).some((chat) => chat.id === chatId)) return operator;
  }
  return undefined;
}

async function setStatus(operator: TestOperator, status: string, on = server) {
  const response = await fetch(`${on.url}/api/operators/me/status`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie: operator.cookie },
    body: JSON.stringify({ status }),
  });
  expect(response.status).toBe(200);
}

async function preferRecent(service: ServiceRow) {
  await server.app.context.db
    .update(services)
    .set({ preferRecentOperator: true })
    .where(eq(services.id, service.id));
  return { ...service, preferRecentOperator: true };
}

describe("choosing the operator", () => {
  it("gives the chat to the operator with the fewest open chats", async () => {
    const service = await buildService(server);
    const busy = await buildOperator(server, { services: [service], status: "online" });
    const first = await requestChat(server, service);
    expect((await holderOf(first.chat.id, [busy]))?.id).toBe(busy.id);
    const free = await buildOperator(server, { services: [service], status: "online" });
    const second = await requestChat(server, service);
    expect((await holderOf(second.chat.id, [busy, free]))?.id).toBe(free.id);
  });

  it("breaks a tie in favour of the operator idle longest", async () => {
    const service = await buildService(server);
    const earlier = await buildOperator(server, { services: [service], status: "online" });
    const later = await buildOperator(server, { services: [service], status: "online" });
    const first = await requestChat(server, service);
    expect((await holderOf(first.chat.id, [earlier, later]))?.id).toBe(earlier.id);
    // Once that chat is over both hold none, and the later one has now waited longer.
    (earlier.socket as TestSocket).send({ type: "chat.end", chatId: first.chat.id });
    await (earlier.socket as TestSocket).next("chat", (frame) => frame.chat.state === "closed");
    const second = await requestChat(server, service);
    expect((await holderOf(second.chat.id, [earlier, later]))?.id).toBe(later.id);
  });

  it("gives a returning customer to the operator who served them last, when that operator is a candidate", async () => {
    const service = await preferRecent(await buildService(server));
    const usual = await buildOperator(server, { services: [service], status: "online" });
    const first = await requestChat(server, service);
    const other = await buildOperator(server, { services: [service], status: "online" });
    // The usual operator holds more chats, yet the returning customer goes to them.
    const again = await requestChat(server, service, { customerToken: first.customerToken });
    expect((await holderOf(again.chat.id, [usual, other]))?.id).toBe(usual.id);
  });

  it("ignores the preference when that operator is not online", async () => {
    const service = await preferRecent(await buildService(server));
    const usual = await buildOperator(server, { services: [service], status: "online" });
    const first = await requestChat(server, service);
    await post(server, `/api/chats/${first.chat.id}/open`, {}, usual.cookie);
    const other = await buildOperator(server, { services: [service], status: "online" });
    await setStatus(usual, "break");
    const again = await requestChat(server, service, { customerToken: first.customerToken });
    expect((await holderOf(again.chat.id, [usual, other]))?.id).toBe(other.id);
  });

  it("ignores the preference when the service does not ask for it", async () => {
    const service = await buildService(server);
    const usual = await buildOperator(server, { services: [service], status: "online" });
    const first = await requestChat(server, service);
    const other = await buildOperator(server, { services: [service], status: "online" });
    const again = await requestChat(server, service, { customerToken: first.customerToken });
    expect((await holderOf(again.chat.id, [usual, other]))?.id).toBe(other.id);
  });

  it("respects each operator's limit of concurrent chats, then queues", async () => {
    const service = await buildService(server);
    const one = await buildOperator(server, {
      services: [service],
      status: "online",
      chatLimit: 1,
    });
    const two = await buildOperator(server, {
      services: [service],
      status: "online",
      chatLimit: 2,
    });
    const holders = [];
    for (let index = 0; index < 3; index++) {
      const chat = await requestChat(server, service);
      holders.push((await holderOf(chat.chat.id, [one, two]))?.id);
    }
    expect(holders.filter((id) => id === one.id)).toHaveLength(1);
    expect(holders.filter((id) => id === two.id)).toHaveLength(2);
    const queued = await requestChat(server, service);
    expect(queued.chat.state).toBe("queued");
    expect(await holderOf(queued.chat.id, [one, two])).toBeUndefined();
  });

  it("assigns simultaneous requests once each, within every limit, spread evenly, and queues no more than the queue holds", async () => {
    const service = await buildService(server, { maxQueueLength: 2 });
    const operators = [];
    for (let index = 0; index < 3; index++) {
      operators.push(
        await buildOperator(server, { services: [service], status: "online", chatLimit: 3 }),
      );
    }
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        post(server, "/api/widget/chats", {
          serviceKey: service.key,
          consent: true,
          channel: "help_center",
        }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(11);
    expect(statuses.filter((status) => status === 409)).toHaveLength(1);
    const states = await Promise.all(
      responses
        .filter((response) => response.status === 201)
        .map(async (response) => {
          const body = (await response.json()) as { chat: { state: string } };
          return body.chat.state;
        }),
    );
    expect(states.filter((state) => state === "queued")).toHaveLength(2);
    for (const operator of operators) expect(await liveChatsOf(operator)).toHaveLength(3);
  });

  it("does not give chats to an operator who is online without a live console", async () => {
    const service = await buildService(server);
    await buildOperator(server, { services: [service], status: "online", connect: false });
    const availability = await (
      await fetch(`${server.url}/api/widget/services/${service.key}`)
    ).json();
    expect(availability).toMatchObject({ operatorsAvailable: false });
    const refused = await post(server, "/api/widget/chats", {
      serviceKey: service.key,
      consent: true,
      channel: "help_center",
    });
    expect(refused.status).toBe(409);
  });
});

describe("operators whose console was on a process that died", () => {
  // The default grace period: a connection its process stopped refreshing still counts for a
  // minute, as a reload or a network loss does.
  let graceful: TestServer;
  beforeAll(async () => {
    graceful = await startTestServer();
  });
  afterAll(() => graceful.close());

  /** An online operator whose only connection is one a crashed process left open: its last
   *  refresh long enough ago that the process is plainly gone, but within the grace period. */
  async function orphaned(service: ServiceRow) {
    const operator = await buildOperator(graceful, {
      services: [service],
      status: "online",
      connect: false,
    });
    const { presence } = graceful.app.context;
    expect(10 * presence.heartbeatMs).toBeLessThan(service.reassignmentGraceMs);
    await graceful.app.context.db.insert(operatorConnections).values({
      operatorId: operator.id,
      processId: "a process that died",
      lastSeenAt: new Date(Date.now() - 10 * presence.heartbeatMs),
    });
    return operator;
  }

  it("get a new chat only when no operator with a live console can take it", async () => {
    const service = await buildService(graceful);
    const live = await buildOperator(graceful, { services: [service], status: "online" });
    await requestChat(graceful, service);
    const gone = await orphaned(service);
    // The orphaned operator holds fewer chats, but the live one is there to answer.
    const second = await requestChat(graceful, service);
    expect((await holderOf(second.chat.id, [live], graceful))?.id).toBe(live.id);
    // Once the live one is on break, the orphaned operator still counts, as after a reload.
    await setStatus(live, "break", graceful);
    const third = await requestChat(graceful, service);
    const assigned = await graceful.app.context.db
      .select({ operatorId: chats.operatorId })
      .from(chats)
      .where(eq(chats.id, third.chat.id));
    expect(assigned).toEqual([{ operatorId: gone.id }]);
  });
});

describe("chats assigned but never opened", () => {
  for (const status of ["break", "offline"]) {
    it(`move to another operator when theirs goes to ${status}; opened ones stay`, async () => {
      const service = await buildService(server);
      const leaving = await buildOperator(server, { services: [service], status: "online" });
      const unopened = await requestChat(server, service);
      const opened = await requestChat(server, service);
      await post(server, `/api/chats/${opened.chat.id}/open`, {}, leaving.cookie);
      const staying = await buildOperator(server, { services: [service], status: "online" });

      await setStatus(leaving, status);
      const moved = await (staying.socket as TestSocket).next(
        "chat",
        (frame) => frame.chat.id === unopened.chat.id,
      );
      expect(moved.chat.operatorId).toBe(staying.id);
      expect((await holderOf(opened.chat.id, [leaving, staying]))?.id).toBe(leaving.id);
      // The customer is told nothing: no system message.
      const left = await (leaving.socket as TestSocket).next(
        "chat",
        (frame) => frame.chat.id === unopened.chat.id && frame.chat.operatorId !== leaving.id,
      );
      expect(left.chat.operatorId).toBe(staying.id);
    });
  }

  it("move to another operator when theirs loses the connection past the grace period", async () => {
    const service = await buildService(server, { reassignmentGraceMs: 500 });
    const lost = await buildOperator(server, { services: [service], status: "online" });
    const chat = await requestChat(server, service);
    const staying = await buildOperator(server, { services: [service], status: "online" });
    lost.socket?.close();
    const moved = await (staying.socket as TestSocket).next(
      "chat",
      (frame) => frame.chat.id === chat.chat.id,
    );
    expect(moved.chat.operatorId).toBe(staying.id);
  });
});

describe("presence as administrators see it", () => {
  it("shows who is online with a live console, and refuses operators who are not administrators", async () => {
    const service = await buildService(server);
    const connected = await buildOperator(server, { services: [service], status: "online" });
    const absent = await buildOperator(server, {
      services: [service],
      status: "online",
      connect: false,
    });
    const adminCookie = await login(server, "admin@example.com", "admin-password");
    const list = (await (
      await fetch(`${server.url}/api/operators`, { headers: { cookie: adminCookie } })
    ).json()) as OperatorListResponse;
    expect(list.operators.find((operator) => operator.id === connected.id)).toMatchObject({
      status: "online",
      connected: true,
    });
    expect(list.operators.find((operator) => operator.id === absent.id)).toMatchObject({
      status: "online",
      connected: false,
    });
    const refused = await fetch(`${server.url}/api/operators`, {
      headers: { cookie: connected.cookie },
    });
    expect(refused.status).toBe(403);
  });
});
