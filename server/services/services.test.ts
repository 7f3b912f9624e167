/** Service management: administrators create, change and archive services and set what each says
 *  to customers; the widget and the chat API follow at once; every change is in the audit log. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  AuditResponse,
  ServiceListResponse,
  ServiceResponse,
  WidgetServiceResponse,
} from "../../shared/api.js";
import type { ErrorBody } from "../../shared/errors.js";
import {
  buildOperator,
  buildService,
  customerSocket,
  login,
  requestChat,
  type TestOperator,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { liveChat } from "../test/live-chat.js";
import type { ServiceRow } from "./services.js";

let server: TestServer;
let admin: string;
let member: TestOperator;
let memberService: ServiceRow;
beforeAll(async () => {
  server = await startTestServer();
  admin = await login(server, "admin@example.com", "admin-password");
  memberService = await buildService(server, { name: "Members' service" });
  member = await buildOperator(server, { services: [memberService] });
});
afterAll(() => server.close());

function call(method: string, path: string, cookie?: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function change(path: string, body: unknown, method = "PATCH") {
  const response = await call(method, path, admin, body);
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as ServiceResponse).service;
}

async function refusal(response: Response, status: number) {
  expect(response.status).toBe(status);
  return ((await response.json()) as ErrorBody).error;
}

async function widgetService(service: { key: string }, language?: string, on = server) {
  const query = language ? `?language=${language}` : "";
  return fetch(`${on.url}/api/widget/services/${service.key}${query}`);
}

function startChat(service: { key: string }, extra: Record<string, unknown> = {}) {
  return fetch(`${server.url}/api/widget/chats`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ serviceKey: service.key, consent: true, channel: "widget", ...extra }),
  });
}

async function changesOf(serviceId: string) {
  const response = await call("GET", `/api/audit?serviceId=${serviceId}`, admin);
  expect(response.status).toBe(200);
  return ((await response.json()) as AuditResponse).changes;
}

describe("who may manage services", () => {
  const someId = "00000000-0000-4000-8000-000000000000";
  const routes = (id: string): [string, string, unknown?][] => [
    [
      "POST",
      "/api/services",
      { name: "X", languages: ["en"], defaultLanguage: "en", timeZone: "UTC" },
    ],
    ["PATCH", `/api/services/${id}`, { name: "Y" }],
    ["PUT", `/api/services/${id}/texts`, { texts: {} }],
    ["POST", `/api/services/${id}/archive`],
    ["POST", `/api/services/${id}/restore`],
    ["GET", "/api/audit"],
  ];

  it("refuses anyone not logged in (401)", async () => {
    for (const [method, path, body] of [
      ...routes(someId),
      ["GET", "/api/services"] as [string, string],
    ]) {
      const response = await call(method, path, undefined, body);
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });

  it("refuses operators, even on their own service (403), and changes nothing", async () => {
    for (const [method, path, body] of routes(memberService.id)) {
      const response = await call(method, path, member.cookie, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(((await response.json()) as ErrorBody).error.code).toBe("not_allowed");
    }
    const other = await buildService(server, { name: "Another service" });
    const response = await call("PATCH", `/api/services/${other.id}`, member.cookie, { name: "Z" });
    expect(response.status).toBe(403);
    const list = (await (await call("GET", "/api/services", admin)).json()) as ServiceListResponse;
    expect(list.services.find((service) => service.id === memberService.id)?.name).toBe(
      "Members' service",
    );
  });

  it("shows operators their own services only, and administrators every one", async () => {
    const other = await buildService(server, { name: "Not the member's" });
    const mine = (await (
      await call("GET", "/api/services", member.cookie)
    ).json()) as ServiceListResponse;
    expect(mine.services.map((service) => service.id)).toEqual([memberService.id]);
    const all = (await (await call("GET", "/api/services", admin)).json()) as ServiceListResponse;
    const ids = all.services.map((service) => service.id);
    // The administrator is a member of the demo service only.
    expect(ids).toContain(other.id);
    expect(ids).toContain(memberService.id);
  });

  it("answers 404 for a service that does not exist", async () => {
    const error = await refusal(
      await call("PATCH", `/api/services/${someId}`, admin, { name: "Q" }),
      404,
    );
    expect(error.code).toBe("service_not_found");
  });
});

describe("creating a service", () => {
  it("creates it with chat off, its key, languages, time zone and help center URL, and audits it", async () => {
    const response = await call("POST", "/api/services", admin, {
      name: "Support Japan",
      languages: ["ja", "en"],
      defaultLanguage: "ja",
      timeZone: "Asia/Tokyo",
    });
    expect(response.status).toBe(201);
    const { service } = (await response.json()) as ServiceResponse;
    expect(service).toMatchObject({
      name: "Support Japan",
      chatEnabled: false,
      archived: false,
      languages: ["en", "ja"],
      defaultLanguage: "ja",
      timeZone: "Asia/Tokyo",
      chatLimit: 5,
      reassignmentGraceSeconds: 60,
      customerIdleMinutes: 30,
    });
    expect(service.helpCenterUrl).toBe(`${server.url}/h/${service.key}/`);
    const list = (await (await call("GET", "/api/services", admin)).json()) as ServiceListResponse;
    expect(list.services.map((each) => each.name)).toContain("Support Japan");
    const [created] = await changesOf(service.id);
    expect(created).toMatchObject({
      action: "created",
      subject: "service",
      actor: { name: "Administrator" },
      service: { id: service.id, name: "Support Japan" },
    });
    expect(created?.after).toMatchObject({ name: "Support Japan", timeZone: "Asia/Tokyo" });
  });

  it("names the field and why when something is wrong, and creates nothing", async () => {
    const before = (await (
      await call("GET", "/api/services", admin)
    ).json()) as ServiceListResponse;
    const valid = { name: "Valid", languages: ["en"], defaultLanguage: "en", timeZone: "UTC" };
    for (const [body, field, reason] of [
      [{ ...valid, name: "  " }, "body.name", "required"],
      [{ ...valid, name: "x".repeat(101) }, "body.name", "too_long"],
      [{ ...valid, timeZone: "Mars/Olympus" }, "body.timeZone", "invalid"],
      [{ ...valid, languages: [] }, "body.languages", "required"],
      [{ ...valid, languages: ["fr"] }, "body.languages.0", "invalid_choice"],
      [{ ...valid, defaultLanguage: "ja" }, "body.defaultLanguage", "invalid_choice"],
    ] as const) {
      const error = await refusal(await call("POST", "/api/services", admin, body), 400);
      expect(error, JSON.stringify(body)).toMatchObject({
        code: "validation_failed",
        field,
        reason,
      });
    }
    const after = (await (await call("GET", "/api/services", admin)).json()) as ServiceListResponse;
    expect(after.services.length).toBe(before.services.length);
  });
});

describe("changing a service", () => {
  it("renames it and sets its languages, time zone and assignment settings, auditing only what changed", async () => {
    const service = await buildService(server, { name: "Before" });
    const settings = {
      name: "After",
      languages: ["en", "ko"],
      defaultLanguage: "ko",
      timeZone: "Asia/Seoul",
      preferRecentOperator: true,
      chatLimit: 2,
      reassignmentGraceSeconds: 30,
      customerIdleMinutes: 10,
    };
    expect(await change(`/api/services/${service.id}`, settings)).toMatchObject(settings);
    const [latest] = await changesOf(service.id);
    expect(latest?.action).toBe("changed");
    expect(latest?.before).toMatchObject({ name: "Before", timeZone: "UTC", chatLimit: 5 });
    expect(latest?.after).toMatchObject({ name: "After", timeZone: "Asia/Seoul", chatLimit: 2 });
    expect(Object.keys(latest?.after ?? {})).not.toContain("chatEnabled");
  });

  it("refuses a default language the service does not speak, naming the field", async () => {
    const service = await buildService(server);
    const error = await refusal(
      await call("PATCH", `/api/services/${service.id}`, admin, { languages: ["ja"] }),
      400,
    );
    expect(error).toMatchObject({ field: "body.defaultLanguage", reason: "invalid_choice" });
    const bounds = await refusal(
      await call("PATCH", `/api/services/${service.id}`, admin, { chatLimit: 0 }),
      400,
    );
    expect(bounds).toMatchObject({ field: "body.chatLimit", reason: "too_small", limit: 1 });
  });
});

describe("chat on and off", () => {
  it("off: the widget offers no chat and the API refuses to start one, while a running chat goes on", async () => {
    const running = await liveChat(server);
    const { service } = running;
    await change(`/api/services/${service.id}`, { chatEnabled: false });

    const shown = (await (await widgetService(service)).json()) as WidgetServiceResponse;
    expect(shown.service.chatEnabled).toBe(false);
    expect(shown.operatorsAvailable).toBe(false);
    expect((await refusal(await startChat(service), 403)).code).toBe("chat_disabled");

    running.customerWs.send({
      type: "message.send",
      chatId: running.chatId,
      clientId: "after-off",
      body: "still here",
    });
    const arrived = await running.operatorWs.next(
      "message",
      (frame) => frame.message.body === "still here",
    );
    expect(arrived.message.author).toBe("customer");

    await change(`/api/services/${service.id}`, { chatEnabled: true });
    expect((await startChat(service)).status).toBe(201);
  });
});

describe("archiving a service", () => {
  it("offers no chat any more, with a clear code, keeps its chats, and can be undone", async () => {
    const running = await liveChat(server);
    const { service } = running;
    const archived = await change(`/api/services/${service.id}/archive`, undefined, "POST");
    expect(archived.archived).toBe(true);
    expect((await refusal(await widgetService(service), 410)).code).toBe("service_archived");
    expect((await refusal(await startChat(service), 410)).code).toBe("service_archived");
    // Its history stays: the operator still has the chat.
    const chats = await call("GET", "/api/chats", running.operator.cookie);
    expect(
      ((await chats.json()) as { chats: { id: string }[] }).chats.map((chat) => chat.id),
    ).toContain(running.chatId);
    const [entry] = await changesOf(service.id);
    expect(entry).toMatchObject({
      action: "archived",
      before: { archived: false },
      after: { archived: true },
    });

    await change(`/api/services/${service.id}/restore`, undefined, "POST");
    expect((await widgetService(service)).status).toBe(200);
  });
});

describe("what a service says to customers", () => {
  it("greets a customer in their language, falling back to the default, from the next chat on", async () => {
    const service = await buildService(server, { greeting: "Hello!" });
    await buildOperator(server, { services: [service], status: "online" });
    await change(`/api/services/${service.id}`, { languages: ["en", "ja"] });
    await change(
      `/api/services/${service.id}/texts`,
      {
        texts: {
          ja: {
            greeting: "こんにちは！",
            satisfactionMessage: "",
            consentText: "個人情報を取得します。",
            privacyPolicyUrl: "https://example.com/ja/privacy",
          },
        },
      },
      "PUT",
    );
    const firstMessage = async (language: string) => {
      const chat = await requestChat(server, service, { language });
      const socket = await customerSocket(server, chat);
      const greeting = await socket.next("message", (frame) => frame.message.seq === 1);
      socket.close();
      return greeting.message.body;
    };
    expect(await firstMessage("ja")).toBe("こんにちは！");
    // Korean is not one of its languages: the default's.
    expect(await firstMessage("ko")).toBe("Hello!");

    const japanese = (await (await widgetService(service, "ja")).json()) as WidgetServiceResponse;
    expect(japanese.service).toMatchObject({
      consentText: "個人情報を取得します。",
      privacyPolicyUrl: "https://example.com/ja/privacy",
    });
    const [entry] = await changesOf(service.id);
    expect(entry?.before).toEqual({
      "greeting.ja": "",
      "consentText.ja": "",
      "privacyPolicyUrl.ja": null,
    });
    expect(entry?.after).toEqual({
      "greeting.ja": "こんにちは！",
      "consentText.ja": "個人情報を取得します。",
      "privacyPolicyUrl.ja": "https://example.com/ja/privacy",
    });
  });

  it("refuses texts for a language the service does not speak, and a link that is not a web address", async () => {
    const service = await buildService(server);
    const text = {
      greeting: "안녕하세요",
      satisfactionMessage: "",
      consentText: "",
      privacyPolicyUrl: null,
    };
    const language = await refusal(
      await call("PUT", `/api/services/${service.id}/texts`, admin, { texts: { ko: text } }),
      400,
    );
    expect(language).toMatchObject({ field: "body.texts.ko", reason: "invalid_choice" });
    const link = await refusal(
      await call("PUT", `/api/services/${service.id}/texts`, admin, {
        texts: { en: { ...text, privacyPolicyUrl: "javascript:alert(1)" } },
      }),
      400,
    );
    expect(link).toMatchObject({
      field: "body.texts.en.privacyPolicyUrl",
      reason: "invalid_format",
    });
  });
});

describe("operator assignment settings", () => {
  it("the service's chat limit holds for operators without their own; their own limit goes first", async () => {
    const service = await buildService(server);
    // Without a queue, a request past every limit is refused.
    await change(`/api/services/${service.id}`, { chatLimit: 1, maxQueueLength: 0 });
    await buildOperator(server, { services: [service], status: "online" });
    await requestChat(server, service);
    const full = await refusal(await startChat(service), 409);
    expect(full.code).toBe("no_operator_available");
    const own = await buildOperator(server, {
      services: [service],
      status: "online",
      chatLimit: 2,
    });
    const second = await requestChat(server, service);
    const third = await requestChat(server, service);
    const held = await call("GET", "/api/chats", own.cookie);
    expect(
      ((await held.json()) as { chats: { id: string }[] }).chats.map((chat) => chat.id),
    ).toEqual([second.chat.id, third.chat.id]);
  });
});

describe("the audit log", () => {
  it("lists changes newest first, by service and period, a page at a time", async () => {
    const service = await buildService(server);
    for (const name of ["One", "Two", "Three"]) {
      await change(`/api/services/${service.id}`, { name });
    }
    const page = async (query: string) => {
      const response = await call("GET", `/api/audit?serviceId=${service.id}&${query}`, admin);
      expect(response.status).toBe(200);
      return (await response.json()) as AuditResponse;
    };
    const first = await page("limit=2");
    expect(first.changes.map((entry) => entry.after?.name)).toEqual(["Three", "Two"]);
    expect(first.next).not.toBeNull();
    const second = await page(`limit=2&cursor=${first.next}`);
    // The oldest: its creation, whole.
    expect(second.changes.map((entry) => entry.after?.name)).toEqual(["One", "Test service"]);
    expect(second.changes.map((entry) => entry.action)).toEqual(["changed", "created"]);
    expect(second.next).toBeNull();
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await page(`from=${future}`)).changes).toEqual([]);
    const error = await refusal(await call("GET", "/api/audit?from=yesterday", admin), 400);
    expect(error).toMatchObject({ field: "querystring.from" });
  });
});
