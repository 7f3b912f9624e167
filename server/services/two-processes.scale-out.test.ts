/** Two processes on one PostgreSQL and one Redis never disagree about a service's settings: a
 *  change made on one reaches the other's cache at once. Runs in the scale-out project. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WidgetServiceResponse } from "../../shared/api.js";
import type { ErrorBody } from "../../shared/errors.js";
import { topics } from "../bus/bus.js";
import { buildOperator, buildService, login } from "../test/factories.js";
import { startTwoProcesses, type TestServer } from "../test/harness.js";
import { messages } from "../test/tables.js";

let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  [first, second] = await startTwoProcesses();
});
afterAll(async () => {
  await first.close();
  await second.close();
});

/** `told` resolves when the process has been told that the service changed (its cache listens
 *  first, so by then it has forgotten its copy). */
async function listenOn(on: TestServer, serviceId: string): Promise<{ told: Promise<void> }> {
  let heard: () => void = () => {};
  const told = new Promise<void>((resolve) => {
    heard = resolve;
  });
  const stop = await on.app.context.bus.subscribe(topics.services, (event) => {
    if (event.type === "service_changed" && event.serviceId === serviceId) heard();
  });
  return { told: told.finally(() => stop()) };
}

async function shown(on: TestServer, key: string) {
  const response = await fetch(`${on.url}/api/widget/services/${key}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as WidgetServiceResponse).service;
}

function startChat(on: TestServer, key: string) {
  return fetch(`${on.url}/api/widget/chats`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ serviceKey: key, consent: true, channel: "widget" }),
  });
}

describe("a service's settings across two processes", () => {
  it("chat turned off on one process is off on the other at once: its widget and its API", async () => {
    const service = await buildService(first);
    await buildOperator(first, { services: [service], status: "online" });
    // The second process has the service cached with chat on.
    expect((await shown(second, service.key)).chatEnabled).toBe(true);
    const admin = await login(first, "admin@example.com", "admin-password");
    const { told } = await listenOn(second, service.id);

    const response = await fetch(`${first.url}/api/services/${service.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", cookie: admin },
      body: JSON.stringify({ chatEnabled: false }),
    });
    expect(response.status).toBe(200);
    // Even before the other process hears of it, it starts no chat: that is decided in the
    // chat's own transaction.
    const refused = await startChat(second, service.key);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.code).toBe("chat_disabled");

    await told;
    expect((await shown(second, service.key)).chatEnabled).toBe(false);
  });

  it("a new greeting saved on one process greets the next chat started on the other", async () => {
    const service = await buildService(first, { greeting: "Old greeting" });
    await buildOperator(first, { services: [service], status: "online" });
    expect((await shown(second, service.key)).name).toBe("Test service");
    const admin = await login(first, "admin@example.com", "admin-password");
    const { told } = await listenOn(second, service.id);
    const response = await fetch(`${first.url}/api/services/${service.id}/texts`, {
      method: "PUT",
      headers: { "content-type": "application/json", cookie: admin },
      body: JSON.stringify({
        texts: {
          en: {
            greeting: "New greeting",
            satisfactionMessage: "",
            consentText: "",
            privacyPolicyUrl: null,
          },
        },
      }),
    });
    expect(response.status).toBe(200);
    await told;
    const started = await startChat(second, service.key);
    expect(started.status).toBe(201);
    const { chat } = (await started.json()) as { chat: { id: string } };
    const [greeting] = await second.app.context.db
      .select({ body: messages.body })
      .from(messages)
      .where(eq(messages.chatId, chat.id));
    expect(greeting?.body).toBe("New greeting");
  });
});
