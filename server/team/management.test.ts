/** Operator management (issue 11) through the REST API, as the console's administrator uses it. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignmentsOf } from "../assignment/assignment.js";
import { reassignUnopened } from "../chats/lifecycle.js";
import {
  adminCookie,
  buildOperator,
  buildService,
  call,
  login,
  post,
  requestChat,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { TestSocket } from "../test/socket.js";
import { auditLog, chats } from "../test/tables.js";

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await adminCookie(server);
});
afterAll(() => server.close());

const uniqueEmail = (name: string) => `${name}-${crypto.randomUUID()}@example.com`;

async function createOperator(body: Record<string, unknown> = {}) {
  const created = await call(server, "POST", "/api/operators", {
    cookie: admin,
    body: { name: "Nina New", email: uniqueEmail("nina"), role: "operator", ...body },
  });
  expect(created.status).toBe(201);
  return created.body as {
    operator: { id: string; email: string; memberships: unknown[] };
    password: string;
  };
}

const changesOf = (subjectId: string) =>
  server.app.context.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.subjectId, subjectId))
    .orderBy(auditLog.createdAt, auditLog.id);

describe("an administrator creates an operator", () => {
  it("whose shown password logs in once, and who must choose their own before working", async () => {
    const { operator, password } = await createOperator();
    expect(password).toMatch(/^[\w-]{16}$/);
    const cookie = await login(server, operator.email, password);
    const me = await call(server, "GET", "/api/auth/me", { cookie });
    expect(me.body.operator).toMatchObject({ id: operator.id, passwordChangeRequired: true });
    expect((await call(server, "GET", "/api/chats", { cookie })).body).toMatchObject({
      error: { code: "password_change_required" },
    });
    const socket = await TestSocket.open(server.wsUrl, { cookie });
    socket.send({ type: "hello", cursors: [] });
    expect((await socket.next("error")).code).toBe("unauthenticated");

    const wrong = await call(server, "POST", "/api/auth/password", {
      cookie,
      body: { currentPassword: "not it", newPassword: "my own password" },
    });
    expect(wrong.body.error).toMatchObject({ field: "body.currentPassword", reason: "invalid" });
    const short = await call(server, "POST", "/api/auth/password", {
      cookie,
      body: { currentPassword: password, newPassword: "short" },
    });
    expect(short.body.error).toMatchObject({ field: "body.newPassword", reason: "too_short" });
    const chosen = await call(server, "POST", "/api/auth/password", {
      cookie,
      body: { currentPassword: password, newPassword: "my own password" },
    });
    expect(chosen.body.operator.passwordChangeRequired).toBe(false);
    expect((await call(server, "GET", "/api/chats", { cookie })).status).toBe(200);
    await login(server, operator.email, "my own password");
    expect((await changesOf(operator.id)).map((row) => row.action)).toEqual([
      "created",
      "password_changed",
    ]);
  });

  it("refuses an email another operator has, in any case, naming the field", async () => {
    const taken = await call(server, "POST", "/api/operators", {
      cookie: admin,
      body: { name: "Copy", email: "ADMIN@example.com", role: "operator" },
    });
    expect(taken.status).toBe(400);
    expect(taken.body.error).toMatchObject({ field: "body.email", reason: "taken" });
    const { operator } = await createOperator();
    const renamed = await call(server, "PATCH", `/api/operators/${operator.id}`, {
      cookie: admin,
      body: { email: "admin@example.com" },
    });
    expect(renamed.body.error).toMatchObject({ field: "body.email", reason: "taken" });
    const blank = await call(server, "POST", "/api/operators", {
      cookie: admin,
      body: { name: " ", email: uniqueEmail("blank"), role: "operator" },
    });
    expect(blank.body.error).toMatchObject({ field: "body.name", reason: "required" });
  });

  it("changes name, email, role and chat limit, and the audit log keeps what changed", async () => {
    const { operator } = await createOperator({ chatLimit: 3 });
    const email = uniqueEmail("renamed");
    const changed = await call(server, "PATCH", `/api/operators/${operator.id}`, {
      cookie: admin,
      body: { name: "Nina Renamed", email: email.toUpperCase(), chatLimit: null },
    });
    expect(changed.body.operator).toMatchObject({
      name: "Nina Renamed",
      email,
      role: "operator",
      chatLimit: null,
    });
    const tooMany = await call(server, "PATCH", `/api/operators/${operator.id}`, {
      cookie: admin,
      body: { chatLimit: 51 },
    });
    expect(tooMany.body.error).toMatchObject({ field: "body.chatLimit", reason: "too_big" });
    const [, change] = await changesOf(operator.id);
    expect(change).toMatchObject({
      action: "changed",
      before: { name: "Nina New", email: operator.email, chatLimit: 3 },
      after: { name: "Nina Renamed", email, chatLimit: null },
    });
  });

  it("places the new operator in their services in the same step, or creates nothing", async () => {
    const service = await buildService(server);
    const email = uniqueEmail("placed");
    const refused = await call(server, "POST", "/api/operators", {
      cookie: admin,
      body: {
        name: "Placed",
        email,
        role: "operator",
        memberships: [{ serviceId: crypto.randomUUID(), chatPermission: true }],
      },
    });
    expect(refused.body.error).toMatchObject({
      field: "body.memberships.0.serviceId",
      reason: "invalid_choice",
    });
    const { operator } = await createOperator({
      email,
      memberships: [{ serviceId: service.id, chatPermission: true }],
    });
    expect(operator).toMatchObject({
      email,
      memberships: [{ serviceId: service.id, chatPermission: true }],
    });
  });
});

describe("the last active administrator", () => {
  it("cannot be deactivated nor made an operator, until there is another", async () => {
    // Its own installation (an embedded database of its own): other tests add administrators,
    // and the others need theirs.
    const own = await startTestServer({ env: { DATABASE_URL: "" } });
    try {
      const cookie = await adminCookie(own);
      const me = await call(own, "GET", "/api/auth/me", { cookie });
      const adminId = me.body.operator.id as string;
      const deactivated = await call(own, "POST", `/api/operators/${adminId}/deactivate`, {
        cookie,
      });
      expect(deactivated.status).toBe(409);
      expect(deactivated.body.error.code).toBe("last_administrator");
      const demoted = await call(own, "PATCH", `/api/operators/${adminId}`, {
        cookie,
        body: { role: "operator" },
      });
      expect(demoted.body.error.code).toBe("last_administrator");
      expect((await call(own, "GET", "/api/auth/me", { cookie })).body.operator.role).toBe(
        "administrator",
      );

      const second = await call(own, "POST", "/api/operators", {
        cookie,
        body: { name: "Second Admin", email: uniqueEmail("second"), role: "administrator" },
      });
      const demotedNow = await call(own, "PATCH", `/api/operators/${adminId}`, {
        cookie,
        body: { role: "operator" },
      });
      expect(demotedNow.body.operator.role).toBe("operator");
      // The one administrator left cannot go either.
      const secondCookie = await login(own, second.body.operator.email, second.body.password);
      await call(own, "POST", "/api/auth/password", {
        cookie: secondCookie,
        body: { currentPassword: second.body.password, newPassword: "second's own password" },
      });
      const last = await call(own, "POST", `/api/operators/${second.body.operator.id}/deactivate`, {
        cookie: secondCookie,
      });
      expect(last.body.error.code).toBe("last_administrator");
    } finally {
      await own.close();
    }
  });
});

describe("deactivating an operator", () => {
  it("logs them out at once and hands their live chats to another online member", async () => {
    const service = await buildService(server);
    const leaving = await buildOperator(server, { services: [service], status: "online" });
    const chat = await requestChat(server, service);
    const staying = await buildOperator(server, { services: [service], status: "online" });
    const deactivated = await call(server, "POST", `/api/operators/${leaving.id}/deactivate`, {
      cookie: admin,
    });
    expect(deactivated.body.operator).toMatchObject({ active: false, status: "offline" });
    expect(await (leaving.socket as TestSocket).closed()).toBe(4401);
    expect((await call(server, "GET", "/api/chats", { cookie: leaving.cookie })).status).toBe(401);
    const handed = await (staying.socket as TestSocket).next(
      "chat",
      (frame) => frame.chat.id === chat.chat.id,
    );
    expect(handed.chat.operatorId).toBe(staying.id);
    const held = await assignmentsOf(server.app.context.db, chat.chat.id);
    expect(held.map((row) => [row.reason, row.operatorId])).toEqual([
      ["requested", leaving.id],
      ["reassigned", staying.id],
    ]);
    const listed = await call(server, "GET", "/api/operators", { cookie: admin });
    expect(
      listed.body.operators.find((operator: { id: string }) => operator.id === leaving.id),
    ).toMatchObject({ active: false });
  });

  it("leaves a chat nobody can take waiting, for the next member who comes online", async () => {
    const service = await buildService(server);
    const leaving = await buildOperator(server, { services: [service], status: "online" });
    const chat = await requestChat(server, service);
    await call(server, "POST", `/api/operators/${leaving.id}/deactivate`, { cookie: admin });
    const [waiting] = await server.app.context.db
      .select()
      .from(chats)
      .where(eq(chats.id, chat.chat.id));
    expect(waiting).toMatchObject({ operatorId: null, state: "waiting" });
    const next = await buildOperator(server, { services: [service], status: "online" });
    expect(await reassignUnopened(server.app.context)).toBeGreaterThanOrEqual(1);
    const handed = await (next.socket as TestSocket).next(
      "chat",
      (frame) => frame.chat.id === chat.chat.id,
    );
    expect(handed.chat.operatorId).toBe(next.id);
  });

  it("can be undone: a reactivated operator logs in with their password again", async () => {
    const operator = await buildOperator(server);
    await call(server, "POST", `/api/operators/${operator.id}/deactivate`, { cookie: admin });
    const refused = await post(server, "/api/auth/login", {
      email: operator.email,
      password: operator.password,
    });
    expect(refused.status).toBe(401);
    const reactivated = await call(server, "POST", `/api/operators/${operator.id}/reactivate`, {
      cookie: admin,
    });
    expect(reactivated.body.operator.active).toBe(true);
    await login(server, operator.email, operator.password);
    expect((await changesOf(operator.id)).map((row) => row.action)).toEqual([
      "deactivated",
      "reactivated",
    ]);
  });
});

describe("a password reset by an administrator", () => {
  it("logs the operator out everywhere and gives a password shown once, to be replaced", async () => {
    const operator = await buildOperator(server, { status: "online" });
    const reset = await call(server, "POST", `/api/operators/${operator.id}/password-reset`, {
      cookie: admin,
    });
    expect(await (operator.socket as TestSocket).closed()).toBe(4401);
    expect((await call(server, "GET", "/api/auth/me", { cookie: operator.cookie })).status).toBe(
      401,
    );
    const old = await post(server, "/api/auth/login", {
      email: operator.email,
      password: operator.password,
    });
    expect(old.status).toBe(401);
    const cookie = await login(server, operator.email, reset.body.password);
    const me = await call(server, "GET", "/api/auth/me", { cookie });
    expect(me.body.operator.passwordChangeRequired).toBe(true);
  });
});

describe("service membership", () => {
  it("gives an operator only their services, and chats only where they may chat", async () => {
    const mine = await buildService(server, { name: "Mine" });
    const other = await buildService(server, { name: "Other" });
    const operator = await buildOperator(server, { status: "online" });
    const place = (memberships: { serviceId: string; chatPermission: boolean }[]) =>
      call(server, "PATCH", `/api/operators/${operator.id}`, {
        cookie: admin,
        body: { memberships },
      });
    const placed = await place([{ serviceId: mine.id, chatPermission: false }]);
    expect(placed.body.operator.memberships).toEqual([
      { serviceId: mine.id, chatPermission: false },
    ]);
    const services = await call(server, "GET", "/api/services", { cookie: operator.cookie });
    expect(services.body.services.map((service: { id: string }) => service.id)).toEqual([mine.id]);
    expect((await requestChatOrError(mine)).error.code).toBe("no_operator_available");

    await place([{ serviceId: mine.id, chatPermission: true }]);
    const chat = await requestChat(server, mine);
    const socket = operator.socket as TestSocket;
    await socket.next("chat", (frame) => frame.chat.id === chat.chat.id);
    expect((await requestChatOrError(other)).error.code).toBe("no_operator_available");

    // Losing the permission hands the chat on (here nobody else: it waits without an operator).
    await place([{ serviceId: mine.id, chatPermission: false }]);
    const dropped = await socket.next(
      "chat",
      (frame) => frame.chat.id === chat.chat.id && frame.chat.operatorId !== operator.id,
    );
    expect(dropped.chat.operatorId).toBeNull();
    const audited = await server.app.context.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, operator.id), eq(auditLog.subject, "membership")))
      .orderBy(auditLog.createdAt, auditLog.id);
    expect(audited.map((row) => [row.action, row.serviceId, row.after])).toEqual([
      ["added", mine.id, { chatPermission: false }],
      ["changed", mine.id, { chatPermission: true }],
      ["changed", mine.id, { chatPermission: false }],
    ]);
    const unknown = await place([{ serviceId: crypto.randomUUID(), chatPermission: true }]);
    expect(unknown.body.error).toMatchObject({
      field: "body.memberships.0.serviceId",
      reason: "invalid_choice",
    });
  });
});

async function requestChatOrError(service: { key: string }) {
  const response = await call(server, "POST", "/api/widget/chats", {
    body: { serviceKey: service.key, consent: true, channel: "widget" },
  });
  return response.body;
}

describe("who may manage operators", () => {
  it("answers 401 to anonymous callers, 403 to operators, and works for administrators", async () => {
    const service = await buildService(server);
    const operator = await buildOperator(server, { services: [service] });
    const target = await buildOperator(server);
    const id = target.id;
    const routes: [method: "GET" | "POST" | "PATCH", path: string, body?: unknown][] = [
      ["GET", "/api/operators"],
      ["POST", "/api/operators", { name: "X", email: uniqueEmail("x"), role: "operator" }],
      ["PATCH", `/api/operators/${id}`, { name: "Renamed" }],
      ["POST", `/api/operators/${id}/password-reset`],
      ["POST", `/api/operators/${id}/deactivate`],
      ["POST", `/api/operators/${id}/reactivate`],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(server, method, path, { body })).status, `${method} ${path}`).toBe(401);
      expect(
        (await call(server, method, path, { body, cookie: operator.cookie })).status,
        `${method} ${path}`,
      ).toBe(403);
      expect(
        (await call(server, method, path, { body, cookie: admin })).status,
        `${method} ${path}`,
      ).toBeLessThan(300);
    }
    const missing = await call(server, "PATCH", `/api/operators/${crypto.randomUUID()}`, {
      cookie: admin,
      body: { name: "Nobody" },
    });
    expect(missing.body.error.code).toBe("operator_not_found");
  });
});
