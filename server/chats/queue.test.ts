/** The queue: when every online operator is at their limit a request waits, its customer sees
 *  their place, and the first free slot takes the oldest queued chat. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StartChatResponse, WidgetServiceResponse } from "../../shared/api.js";
import type { ErrorBody } from "../../shared/errors.js";
import type { ServiceRow } from "../services/services.js";
import {
  adminCookie,
  buildOperator,
  buildService,
  call,
  customerSocket,
  login,
  operatorSocket,
  post,
  requestChat,
  type TestOperator,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import type { TestSocket } from "../test/socket.js";
import { chats } from "../test/tables.js";
import { endOverdueQueuedChats } from "./lifecycle.js";

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await adminCookie(server);
});
afterAll(() => server.close());

/** A service whose one online operator may hold one chat, and holds one already. */
async function busyService(settings: Record<string, unknown> = {}) {
  const service = await buildService(server);
  if (Object.keys(settings).length > 0) await changeService(service, settings);
  const operator = await buildOperator(server, {
    services: [service],
    status: "online",
    chatLimit: 1,
  });
  const first = await requestChat(server, service);
  await (operator.socket as TestSocket).next("chat", (frame) => frame.chat.id === first.chat.id);
  return { service, operator, operatorWs: operator.socket as TestSocket, first };
}

async function changeService(service: ServiceRow, body: Record<string, unknown>) {
  const response = await call(server, "PATCH", `/api/services/${service.id}`, {
    cookie: admin,
    body,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

/** A customer who asks for a chat and waits in the queue, following it. */
async function queuedCustomer(service: ServiceRow) {
  const chat = await requestChat(server, service);
  expect(chat.chat.state).toBe("queued");
  const socket = await customerSocket(server, chat);
  await socket.next("chat.state", (frame) => frame.update.state === "queued");
  return { chat, chatId: chat.chat.id, socket };
}

const positionOf = async (socket: TestSocket) => (await socket.next("queue.position")).position;

async function stateOf(chatId: string) {
  const [row] = await server.app.context.db
    .select({ state: chats.state, operatorId: chats.operatorId, processed: chats.processed })
    .from(chats)
    .where(eq(chats.id, chatId));
  return row;
}

/** The operator ends a chat from the console. */
function endChat(operatorWs: TestSocket, chat: StartChatResponse) {
  operatorWs.send({ type: "chat.end", chatId: chat.chat.id });
}

describe("waiting in the queue", () => {
  it("tells each queued customer their place, and gives the oldest the first free slot", async () => {
    const { operator, operatorWs, service, first } = await busyService();
    const second = await queuedCustomer(service);
    expect(await positionOf(second.socket)).toBe(1);
    const third = await queuedCustomer(service);
    expect(await positionOf(third.socket)).toBe(2);
    // The operator's workspace does not show queued chats.
    const list = await call(server, "GET", "/api/chats", { cookie: operator.cookie });
    expect(list.body.chats.map((chat: { id: string }) => chat.id)).toEqual([first.chat.id]);

    endChat(operatorWs, first);
    const given = await operatorWs.next("chat", (frame) => frame.chat.id === second.chatId);
    expect(given.chat).toMatchObject({ state: "waiting", operatorId: operator.id });
    const served = await second.socket.next(
      "chat.state",
      (frame) => frame.update.state === "waiting",
    );
    expect(served.update.operatorId).toBe(operator.id);
    expect(await positionOf(third.socket)).toBe(1);
    expect((await stateOf(third.chatId))?.state).toBe("queued");
  });

  it("lets a queued customer write, and the operator who takes the chat reads it", async () => {
    const { operatorWs, service, first } = await busyService();
    const queued = await queuedCustomer(service);
    queued.socket.send({
      type: "message.send",
      chatId: queued.chatId,
      clientId: "q1",
      body: "My order has not arrived",
    });
    await queued.socket.next("ack", (frame) => frame.clientId === "q1");
    endChat(operatorWs, first);
    const message = await operatorWs.next(
      "message",
      (frame) => frame.message.chatId === queued.chatId && frame.message.author === "customer",
    );
    expect(message.message.body).toBe("My order has not arrived");
  });

  it("offers chat in the widget while the queue has room, and answers like nobody online once it is full", async () => {
    const { service } = await busyService({ maxQueueLength: 1 });
    const widget = async () =>
      (
        (await (
          await fetch(`${server.url}/api/widget/services/${service.key}`)
        ).json()) as WidgetServiceResponse
      ).operatorsAvailable;
    expect(await widget()).toBe(true);
    await queuedCustomer(service);
    expect(await widget()).toBe(false);
    const refused = await post(server, "/api/widget/chats", {
      serviceKey: service.key,
      consent: true,
      channel: "widget",
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error.code).toBe("no_operator_available");
  });

  it("queues nothing with nobody online, nor with a queue length of 0", async () => {
    const empty = await buildService(server);
    await buildOperator(server, { services: [empty], status: "break", connect: true });
    const nobody = await post(server, "/api/widget/chats", {
      serviceKey: empty.key,
      consent: true,
      channel: "widget",
    });
    expect(((await nobody.json()) as ErrorBody).error.code).toBe("no_operator_available");
    const { service } = await busyService({ maxQueueLength: 0 });
    const none = await post(server, "/api/widget/chats", {
      serviceKey: service.key,
      consent: true,
      channel: "widget",
    });
    expect(none.status).toBe(409);
  });
});

describe("leaving the queue", () => {
  it("ends the chat for good, unprocessed, and moves those behind up", async () => {
    const { service } = await busyService();
    const leaving = await queuedCustomer(service);
    const behind = await queuedCustomer(service);
    expect(await positionOf(behind.socket)).toBe(2);
    leaving.socket.send({ type: "chat.end", chatId: leaving.chatId });
    await leaving.socket.next("chat.state", (frame) => frame.update.state === "closed");
    expect(await stateOf(leaving.chatId)).toEqual({
      state: "closed",
      operatorId: null,
      processed: false,
    });
    expect(await positionOf(behind.socket)).toBe(1);
  });

  it("ends a chat queued past the service's queue timeout, telling its customer", async () => {
    const { service } = await busyService({ queueTimeoutMinutes: 1 });
    const late = await queuedCustomer(service);
    const behind = await queuedCustomer(service);
    await positionOf(behind.socket);
    await server.app.context.db
      .update(chats)
      .set({ requestedAt: new Date(Date.now() - 61_000) })
      .where(eq(chats.id, late.chatId));
    expect(await endOverdueQueuedChats(server.app.context)).toBe(1);
    const told = await late.socket.next(
      "message",
      (frame) => frame.message.event === "queue_timeout",
    );
    expect(told.message.author).toBe("system");
    await late.socket.next("chat.state", (frame) => frame.update.state === "closed");
    expect(await positionOf(behind.socket)).toBe(1);
  });
});

describe("free slots serve the queue", () => {
  async function expectServedBy(queued: { socket: TestSocket }, operator: TestOperator) {
    const served = await queued.socket.next(
      "chat.state",
      (frame) => frame.update.state === "waiting",
    );
    expect(served.update.operatorId).toBe(operator.id);
  }

  it("an operator coming online takes the oldest queued chat", async () => {
    const { service } = await busyService();
    const queued = await queuedCustomer(service);
    const later = await buildOperator(server, {
      services: [service],
      status: "break",
      connect: true,
    });
    const response = await call(server, "PUT", "/api/operators/me/status", {
      cookie: later.cookie,
      body: { status: "online" },
    });
    expect(response.status).toBe(200);
    await expectServedBy(queued, later);
  });

  it("an operator whose console connects takes it", async () => {
    const { service } = await busyService();
    const queued = await queuedCustomer(service);
    const later = await buildOperator(server, {
      services: [service],
      status: "online",
      connect: false,
    });
    const socket = await operatorSocket(server, later);
    await expectServedBy(queued, later);
    socket.close();
  });

  it("a raised operator limit, and a raised service limit, free slots", async () => {
    const { service, operator } = await busyService();
    const queued = await queuedCustomer(service);
    const raised = await call(server, "PATCH", `/api/operators/${operator.id}`, {
      cookie: admin,
      body: { chatLimit: 2 },
    });
    expect(raised.status).toBe(200);
    await expectServedBy(queued, operator);

    const shared = await buildService(server);
    await changeService(shared, { chatLimit: 1 });
    const member = await buildOperator(server, { services: [shared], status: "online" });
    await requestChat(server, shared);
    const waiting = await queuedCustomer(shared);
    await changeService(shared, { chatLimit: 2 });
    await expectServedBy(waiting, member);
  });

  it("a membership added brings an online operator to the queue", async () => {
    const { service } = await busyService();
    const queued = await queuedCustomer(service);
    const elsewhere = await buildService(server);
    const outsider = await buildOperator(server, { services: [elsewhere], status: "online" });
    const added = await call(server, "PATCH", `/api/operators/${outsider.id}`, {
      cookie: admin,
      body: {
        memberships: [
          { serviceId: elsewhere.id, chatPermission: true },
          { serviceId: service.id, chatPermission: true },
        ],
      },
    });
    expect(added.status).toBe(200);
    await expectServedBy(queued, outsider);
  });

  it("a reactivated operator, back at their console and online, takes it", async () => {
    const { service } = await busyService();
    const returning = await buildOperator(server, { services: [service], status: "online" });
    const off = await call(server, "POST", `/api/operators/${returning.id}/deactivate`, {
      cookie: admin,
    });
    expect(off.status).toBe(200);
    const queued = await queuedCustomer(service);
    const on = await call(server, "POST", `/api/operators/${returning.id}/reactivate`, {
      cookie: admin,
    });
    expect(on.status).toBe(200);
    const again = {
      ...returning,
      cookie: await login(server, returning.email, returning.password),
    };
    const socket = await operatorSocket(server, again);
    // A deactivation left them offline: they choose Online again.
    await call(server, "PUT", "/api/operators/me/status", {
      cookie: again.cookie,
      body: { status: "online" },
    });
    await expectServedBy(queued, returning);
    socket.close();
  });

  it("a transfer frees the slot of the operator who handed the chat on", async () => {
    const { service, operator, operatorWs, first } = await busyService();
    const colleague = await buildOperator(server, {
      services: [service],
      status: "online",
      chatLimit: 1,
    });
    await requestChat(server, service);
    const queued = await queuedCustomer(service);
    operatorWs.send({ type: "chat.transfer", chatId: first.chat.id, operatorId: colleague.id });
    await expectServedBy(queued, operator);
  });
});

describe("who sees a queued chat", () => {
  it("only its customer: another customer and operators cannot follow it", async () => {
    const { service, operator } = await busyService();
    const queued = await queuedCustomer(service);
    const other = await buildService(server);
    await buildOperator(server, { services: [other], status: "online" });
    const stranger = await customerSocket(server, await requestChat(server, other));
    stranger.send({ type: "chat.follow", chatId: queued.chatId, lastSeq: 0 });
    expect((await stranger.next("error")).code).toBe("chat_not_found");
    const operatorWs = operator.socket as TestSocket;
    operatorWs.send({ type: "chat.follow", chatId: queued.chatId, lastSeq: 0 });
    expect((await operatorWs.next("error")).code).toBe("chat_not_found");
  });

  it("lets only administrators change the queue settings", async () => {
    const { service, operator } = await busyService();
    const refused = await call(server, "PATCH", `/api/services/${service.id}`, {
      cookie: operator.cookie,
      body: { maxQueueLength: 50 },
    });
    expect(refused.status).toBe(403);
    const anonymous = await call(server, "PATCH", `/api/services/${service.id}`, {
      body: { maxQueueLength: 50 },
    });
    expect(anonymous.status).toBe(401);
    const tooLong = await call(server, "PATCH", `/api/services/${service.id}`, {
      cookie: admin,
      body: { maxQueueLength: 1000, queueTimeoutMinutes: 0 },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ field: "body.maxQueueLength", reason: "too_big" });
  });
});
