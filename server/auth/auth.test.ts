import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOperator, post } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { resetPassword } from "./accounts.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const me = (cookie?: string) =>
  fetch(`${server.url}/api/auth/me`, { headers: cookie ? { cookie } : {} });

describe("operator login", () => {
  it("logs in with the right password and sets an httpOnly session cookie", async () => {
    const operator = await buildOperator(server);
    const response = await post(server, "/api/auth/login", {
      email: operator.email.toUpperCase(),
      password: operator.password,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      operator: { email: operator.email, role: "operator" },
    });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/madoguchi_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it("refuses a wrong password and an unknown email with the same answer", async () => {
    const operator = await buildOperator(server);
    for (const body of [
      { email: operator.email, password: "wrong-password" },
      { email: "nobody@example.com", password: operator.password },
    ]) {
      const response = await post(server, "/api/auth/login", body);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_credentials" } });
      expect(response.headers.get("set-cookie")).toBeNull();
    }
  });

  it("names the field that is missing or malformed", async () => {
    const missing = await post(server, "/api/auth/login", { email: "a@example.com" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: { code: "validation_failed", field: "body.password" },
    });
    const malformed = await post(server, "/api/auth/login", "{email:");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "invalid_json" } });
  });

  it("throttles repeated guesses at one account, however its email is written", async () => {
    const operator = await buildOperator(server);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await post(server, "/api/auth/login", {
        email: attempt % 2 === 0 ? operator.email : operator.email.toUpperCase(),
        password: "guess",
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 9).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("the console's API", () => {
  it("refuses anonymous use", async () => {
    for (const [method, path] of [
      ["GET", "/api/auth/me"],
      ["GET", "/api/chats"],
      ["GET", "/api/services"],
      ["PUT", "/api/operators/me/status"],
      ["POST", `/api/chats/${crypto.randomUUID()}/open`],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: method === "GET" ? undefined : JSON.stringify({ status: "online" }),
      });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "unauthenticated" } });
    }
  });

  it("knows the operator from the cookie until they log out", async () => {
    const operator = await buildOperator(server);
    expect((await me(operator.cookie)).status).toBe(200);
    const logout = await post(server, "/api/auth/logout", {}, operator.cookie);
    expect(logout.status).toBe(204);
    expect((await me(operator.cookie)).status).toBe(401);
  });

  it("lets the operator set their status, and only to a known one", async () => {
    const operator = await buildOperator(server);
    const put = (status: string) =>
      fetch(`${server.url}/api/operators/me/status`, {
        method: "PUT",
        headers: { "content-type": "application/json", cookie: operator.cookie },
        body: JSON.stringify({ status }),
      });
    const online = await put("online");
    expect(await online.json()).toMatchObject({ operator: { status: "online" } });
    const wrong = await put("asleep");
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { field: "body.status" } });
    expect(await (await me(operator.cookie)).json()).toMatchObject({
      operator: { status: "online" },
    });
  });
});

describe("a password reset (npm run reset-password)", () => {
  it("gives a new password that logs in, refuses the old one, and ends the sessions already open", async () => {
    const operator = await buildOperator(server);
    expect((await me(operator.cookie)).status).toBe(200);

    const password = await resetPassword(server.app.context.db, operator.email.toUpperCase());
    expect(password).toMatch(/^[\w-]{16}$/);
    expect((await me(operator.cookie)).status).toBe(401);
    const old = await post(server, "/api/auth/login", {
      email: operator.email,
      password: operator.password,
    });
    expect(old.status).toBe(401);
    const fresh = await post(server, "/api/auth/login", { email: operator.email, password });
    expect(fresh.status).toBe(200);
  });

  it("says so when nobody has the email", async () => {
    expect(await resetPassword(server.app.context.db, "nobody@example.com")).toBeNull();
  });
});
