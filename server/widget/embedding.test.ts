/** Chat → embed code: the snippet, the allowed origins the server enforces, and the identity
 *  secret of a login-only service, each change audited and for administrators only. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmbedSettingsResponse, IdentitySecretResponse } from "../../shared/api.js";
import type { ErrorBody } from "../../shared/errors.js";
import { listChanges } from "../audit/audit.js";
import { buildOperator, buildService, login } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { chats, services } from "../test/tables.js";
import { identitySignature } from "./identity.js";

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await login(server, "admin@example.com", "admin-password");
});
afterAll(() => server.close());

function call(
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

async function allowOrigins(serviceId: string, allowedOrigins: string[]) {
  const response = await call("PATCH", `/api/services/${serviceId}/embed`, {
    cookie: admin,
    body: { allowedOrigins },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as EmbedSettingsResponse).settings;
}

const askForChat = (serviceKey: string, headers: Record<string, string> = {}, extra = {}) =>
  call("POST", "/api/widget/chats", {
    body: { serviceKey, consent: true, channel: "widget", ...extra },
    headers,
  });

describe("who may see and change a service's embedding", () => {
  const routes = [
    ["GET", "embed", undefined],
    ["PATCH", "embed", { loginRequired: false }],
    ["POST", "identity-secret", undefined],
  ] as const;

  it.each(routes)(
    "%s …/%s: anonymous 401, operator 403 (of this service or another), administrator 200, unknown service 404",
    async (method, path, body) => {
      const service = await buildService(server);
      const other = await buildService(server);
      const member = await buildOperator(server, { services: [service] });
      const outsider = await buildOperator(server, { services: [other] });
      const url = `/api/services/${service.id}/${path}`;
      expect((await call(method, url, { body })).status).toBe(401);
      for (const operator of [member, outsider]) {
        const refused = await call(method, url, { body, cookie: operator.cookie });
        expect(refused.status).toBe(403);
        expect(await refused.json()).toMatchObject({ error: { code: "not_allowed" } });
      }
      // Administrators manage every service, member or not (the administrator is in none of these).
      expect((await call(method, url, { body, cookie: admin })).status).toBe(200);
      const missing = `/api/services/00000000-0000-4000-8000-000000000000/${path}`;
      expect((await call(method, missing, { body, cookie: admin })).status).toBe(404);
    },
  );

  it("shows the live preview page to administrators only", async () => {
    const service = await buildService(server);
    const member = await buildOperator(server, { services: [service] });
    const path = `/preview/${service.id}?lang=ja`;
    expect((await call("GET", path)).status).toBe(401);
    expect((await call("GET", path, { cookie: member.cookie })).status).toBe(403);
    const page = await call("GET", path, { cookie: admin });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`data-service="${service.key}" data-lang="ja"`);
    expect(html).toContain('<html lang="ja">');
  });
});

describe("the embed code", () => {
  it("is one script tag with the service key at the server's address", async () => {
    const service = await buildService(server);
    const response = await call("GET", `/api/services/${service.id}/embed`, { cookie: admin });
    const { settings } = (await response.json()) as EmbedSettingsResponse;
    expect(settings).toEqual({
      embedCode: `<script src="${server.url}/widget.js" data-service="${service.key}" async></script>`,
      allowedOrigins: [],
      loginRequired: false,
      identitySecretIssuedAt: null,
      previousIdentitySecretUntil: null,
    });
  });
});

describe("allowed origins", () => {
  it("keeps each origin in the one spelling browsers send, once, and audits the change", async () => {
    const service = await buildService(server);
    const settings = await allowOrigins(service.id, [
      " HTTPS://Shop.Example:443/ ",
      "https://shop.example",
      "http://localhost:8080",
      "https://例え.jp",
    ]);
    expect(settings.allowedOrigins).toEqual([
      "https://shop.example",
      "http://localhost:8080",
      "https://xn--r8jz45g.jp",
    ]);
    const [row] = await listChanges(server.app.context.db, { serviceId: service.id, limit: 5 });
    expect(row).toMatchObject({
      subject: "service",
      action: "changed",
      before: { allowedOrigins: [] },
      after: { allowedOrigins: settings.allowedOrigins },
    });
  });

  it.each([
    ["https://shop.example/help", "must be scheme, host and port only"],
    ["https://shop.example?x=1", "must be scheme, host and port only"],
    ["https://user@shop.example", "must be scheme, host and port only"],
    ["ftp://shop.example", "must start with https:// or http://"],
    ["shop.example", "must be an origin such as https://www.example.com"],
  ])("refuses %s, naming the entry, and changes nothing", async (origin, message) => {
    const service = await buildService(server);
    const response = await call("PATCH", `/api/services/${service.id}/embed`, {
      cookie: admin,
      body: { allowedOrigins: ["https://fine.example", origin], loginRequired: true },
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error).toMatchObject({ field: "body.allowedOrigins.1", reason: "invalid_format" });
    expect(error.message).toContain(message);
    const [row] = await server.app.context.db
      .select()
      .from(services)
      .where(eq(services.id, service.id));
    expect(row).toMatchObject({ allowedOrigins: [], loginRequired: false });
  });

  it("refuses a page on another origin the service, and a chat from it, and says why", async () => {
    const service = await buildService(server);
    await buildOperator(server, { services: [service], status: "online" });
    await allowOrigins(service.id, ["https://shop.example"]);

    const refused = await call("GET", `/api/widget/services/${service.key}`, {
      headers: { origin: "https://evil.example" },
    });
    expect(refused.status).toBe(403);
    // The loader reads the refusal from the page's origin to say why in the site's console.
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    const { error } = (await refused.json()) as ErrorBody;
    expect(error.code).toBe("origin_not_allowed");
    expect(error.message).toContain("https://evil.example");

    const chat = await askForChat(service.key, { origin: "https://evil.example" });
    expect(chat.status).toBe(403);
    expect(await chat.json()).toMatchObject({ error: { code: "origin_not_allowed" } });
    const stored = await server.app.context.db
      .select()
      .from(chats)
      .where(eq(chats.serviceId, service.id));
    expect(stored).toEqual([]);
  });

  it("serves the allowed site, the widget's own requests, and any site while the list is empty", async () => {
    const service = await buildService(server);
    await buildOperator(server, { services: [service], status: "online" });
    const path = `/api/widget/services/${service.key}`;
    const anySite = await call("GET", path, { headers: { origin: "https://evil.example" } });
    expect(anySite.status).toBe(200);

    await allowOrigins(service.id, ["https://shop.example"]);
    const allowed = await call("GET", path, { headers: { origin: "https://shop.example" } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ operatorsAvailable: true });
    // The widget app's own calls: a same-origin GET carries no Origin, a POST this server's.
    expect((await call("GET", path)).status).toBe(200);
    expect((await askForChat(service.key, { origin: server.url })).status).toBe(201);
  });

  it("lets only the allowed origins frame the widget app, and never in a window of its own", async () => {
    const service = await buildService(server);
    const open = (headers: Record<string, string> = {}) =>
      call("GET", `/widget/?service=${service.key}`, { headers });
    const framedAnywhere = await open({ "sec-fetch-dest": "iframe" });
    expect(framedAnywhere.status).toBe(200);
    expect(framedAnywhere.headers.get("content-security-policy")).toContain("frame-ancestors *");

    await allowOrigins(service.id, ["https://shop.example", "http://localhost:8080"]);
    const framed = await open({ "sec-fetch-dest": "iframe" });
    expect(framed.status).toBe(200);
    expect(framed.headers.get("cache-control")).toBe("no-store");
    const policy = framed.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("frame-ancestors 'self' https://shop.example http://localhost:8080;");
    expect(policy).toContain("default-src 'self'");

    const window = await open({ "sec-fetch-dest": "document" });
    expect(window.status).toBe(403);
  });
});

describe("logged-in users only", () => {
  async function loginOnly() {
    const service = await buildService(server);
    await buildOperator(server, { services: [service], status: "online" });
    const response = await call("PATCH", `/api/services/${service.id}/embed`, {
      cookie: admin,
      body: { loginRequired: true },
    });
    expect(((await response.json()) as EmbedSettingsResponse).settings.loginRequired).toBe(true);
    return service;
  }

  async function rotate(serviceId: string): Promise<IdentitySecretResponse> {
    const response = await call("POST", `/api/services/${serviceId}/identity-secret`, {
      cookie: admin,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as IdentitySecretResponse;
  }

  const signedBy = (secret: string, userId = "user-42") => ({
    identity: { userId, signature: identitySignature(secret, userId) },
  });

  it("tells the widget, and refuses a start the site has not vouched for", async () => {
    const service = await loginOnly();
    const widget = await call("GET", `/api/widget/services/${service.key}`);
    expect(await widget.json()).toMatchObject({ service: { loginRequired: true } });
    const refused = await askForChat(service.key);
    expect(refused.status).toBe(403);
    const { error } = (await refused.json()) as ErrorBody;
    expect(error).toMatchObject({ code: "identity_required", field: "body.identity" });
    expect(error.message).toContain("logged-in users only");
  });

  it("shows a new secret once; the one before it signs for 24 hours, then no more", async () => {
    const service = await loginOnly();
    const first = await rotate(service.id);
    expect(first.identitySecret).toMatch(/^[0-9a-f]{64}$/);
    // The secret the console never showed is no site's: it is not kept.
    expect(first.settings.previousIdentitySecretUntil).toBeNull();
    expect(first.settings.identitySecretIssuedAt).not.toBeNull();

    const second = await rotate(service.id);
    const until = Date.parse(second.settings.previousIdentitySecretUntil ?? "");
    const issued = Date.parse(second.settings.identitySecretIssuedAt ?? "");
    expect(until - issued).toBe(24 * 3_600_000);
    expect((await askForChat(service.key, {}, signedBy(second.identitySecret))).status).toBe(201);
    expect((await askForChat(service.key, {}, signedBy(first.identitySecret))).status).toBe(201);

    // Reading the settings again never shows a secret.
    const read = await call("GET", `/api/services/${service.id}/embed`, { cookie: admin });
    const text = await read.text();
    expect(text).not.toContain(first.identitySecret);
    expect(text).not.toContain(second.identitySecret);

    // The grace period is over.
    await server.app.context.db
      .update(services)
      .set({ previousIdentitySecretUntil: new Date(Date.now() - 1000) })
      .where(eq(services.id, service.id));
    // Written past the service's functions: every process's copy is dropped, as a change does.
    await server.app.context.services.changed(service.id);
    const late = await askForChat(service.key, {}, signedBy(first.identitySecret));
    expect(late.status).toBe(403);
    expect(await late.json()).toMatchObject({
      error: { code: "identity_invalid", field: "body.identity.signature" },
    });
    expect((await askForChat(service.key, {}, signedBy(second.identitySecret))).status).toBe(201);
  });

  it("audits the switch and each rotation, never writing a secret", async () => {
    const service = await loginOnly();
    const first = await rotate(service.id);
    const second = await rotate(service.id);
    const rows = await listChanges(server.app.context.db, { serviceId: service.id, limit: 10 });
    // The service's own creation comes first.
    expect(rows.map((row) => row.action)).toEqual([
      "identity_secret_rotated",
      "identity_secret_rotated",
      "changed",
      "created",
    ]);
    expect(rows[2]).toMatchObject({
      before: { loginRequired: false },
      after: { loginRequired: true },
    });
    const written = JSON.stringify(rows);
    for (const secret of [first.identitySecret, second.identitySecret, service.identitySecret]) {
      expect(written).not.toContain(secret);
    }
  });
});
