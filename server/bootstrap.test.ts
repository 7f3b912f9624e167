import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./db/client.js";
import { findOperatorByEmail } from "./operators/operators.js";
import { isMemberOf } from "./services/services.js";
import { getSetting } from "./settings/settings.js";
import {
  buildOperator,
  customerSocket,
  login,
  operatorSocket,
  requestChat,
} from "./test/factories.js";
import { startTestServer } from "./test/harness.js";

describe("an installation's first start and its restarts", () => {
  // Runs on PGlite only (see vitest.config.ts): a first start needs an empty database of its own.
  it("creates the administrator and the demo service once, and keeps the conversation across a restart", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-restart-"));
    const first = await startTestServer({ dataDir, env: { ADMIN_PASSWORD: "" } });
    expect(first.app.firstStart?.adminEmail).toBe("admin@example.com");
    const password = first.app.firstStart?.generatedPassword ?? "";
    expect(password.length).toBeGreaterThanOrEqual(16);

    const { db } = first.app.context;
    const demoKey = (await getSetting(db, "demoServiceKey")) ?? "";
    const demo = await first.app.context.services.byKey(demoKey);
    expect(demo).toMatchObject({ chatEnabled: true });
    // The demo service comes with the database's template; the administrator is its member.
    const admin = await findOperatorByEmail(db, "admin@example.com");
    expect(await isMemberOf(db, admin?.id ?? "", demo?.id ?? "")).toBe(true);
    const page = await fetch(`${first.url}/demo/`);
    expect(await page.text()).toContain(`data-service="${demoKey}"`);

    const operator = await buildOperator(first, { services: demo ? [demo] : [], status: "online" });
    const chat = await requestChat(first, demo as NonNullable<typeof demo>);
    const customer = await customerSocket(first, chat);
    customer.send({
      type: "message.send",
      chatId: chat.chat.id,
      clientId: "1",
      body: "before the restart",
    });
    await customer.next("ack");
    customer.close();
    await first.close();

    const second = await startTestServer({ dataDir, env: { ADMIN_PASSWORD: "" } });
    expect(second.app.firstStart).toBeNull();
    // The generated password still works, and the operator's transcript is all there.
    await login(second, "admin@example.com", password);
    const again = await operatorSocket(second, {
      ...operator,
      cookie: await login(second, operator.email, operator.password),
    });
    await again.next("synced", (frame) => frame.chatId === chat.chat.id);
    const bodies = again.frames.flatMap((frame) =>
      frame.type === "message" ? [frame.message.body] : [],
    );
    expect(bodies).toEqual([
      "Hello! Thank you for contacting us. An operator will be with you shortly.",
      "before the restart",
    ]);
    again.close();
    await second.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("finds the template's demo service in a database an earlier start made and stopped before its administrator", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-restart-"));
    // The folder made from the template, the process gone before the bootstrap.
    const made = await openDatabase({ databaseUrl: undefined, dataDir });
    expect(made.madeFromTemplate?.demoServiceId).toBeDefined();
    await made.close();

    const server = await startTestServer({ dataDir });
    expect(server.app.firstStart?.adminEmail).toBe("admin@example.com");
    const { db } = server.app.context;
    const demo = await server.app.context.services.byKey(
      (await getSetting(db, "demoServiceKey")) ?? "",
    );
    expect(demo?.id).toBe(made.madeFromTemplate?.demoServiceId);
    const admin = await findOperatorByEmail(db, "admin@example.com");
    expect(await isMemberOf(db, admin?.id ?? "", demo?.id ?? "")).toBe(true);
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
});
