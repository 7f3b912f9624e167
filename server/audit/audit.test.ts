/** The audit log keeps who changed what, only the fields that changed, newest first by pages. */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildService } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { auditLog } from "../test/tables.js";
import { listChanges, recordChange } from "./audit.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("the audit log", () => {
  it("keeps only the fields that changed, and skips a change that changes nothing", async () => {
    const { db } = server.app.context;
    const service = await buildService(server);
    const base = { actorId: null, serviceId: service.id, subject: "service" as const };
    await recordChange(db, {
      ...base,
      subjectId: service.id,
      action: "changed",
      before: { name: "Old", chatEnabled: true },
      after: { name: "New", chatEnabled: true },
    });
    await recordChange(db, {
      ...base,
      subjectId: service.id,
      action: "changed",
      before: { name: "New" },
      after: { name: "New" },
    });
    const rows = await listChanges(db, { serviceId: service.id, limit: 10 });
    // Newest first, above the service's own creation.
    expect(
      rows.slice(0, -1).map(({ action, before, after }) => ({ action, before, after })),
    ).toEqual([{ action: "changed", before: { name: "Old" }, after: { name: "New" } }]);
  });

  it("pages newest first from the last row seen, within one service and a period", async () => {
    const { db } = server.app.context;
    const service = await buildService(server);
    const other = await buildService(server);
    for (const [index, name] of ["a", "b", "c"].entries()) {
      await recordChange(db, {
        actorId: null,
        serviceId: service.id,
        subject: "category",
        subjectId: name,
        action: "created",
        after: { name },
      });
      // A second apart: two changes in the same instant (PGlite's clock is coarse) are in no
      // order by time, and this test is about the order.
      await db
        .update(auditLog)
        .set({ createdAt: sql`now() + ${`${index + 1} seconds`}::interval` })
        .where(and(eq(auditLog.serviceId, service.id), eq(auditLog.subjectId, name)));
    }
    await recordChange(db, {
      actorId: null,
      serviceId: other.id,
      subject: "category",
      subjectId: "x",
      action: "created",
      after: { name: "x" },
    });
    const first = await listChanges(db, { serviceId: service.id, limit: 2 });
    expect(first.map((row) => row.subjectId)).toEqual(["c", "b"]);
    const [last] = first.slice(-1);
    const next = await listChanges(db, { serviceId: service.id, limit: 2, after: last });
    // And, oldest, the service's creation.
    expect(next.map((row) => row.subjectId)).toEqual(["a", service.id]);
    const future = await listChanges(db, {
      serviceId: service.id,
      from: new Date(Date.now() + 60_000),
      limit: 10,
    });
    expect(future).toEqual([]);
  });
});

describe("a refused field", () => {
  it("says which field and why, so the console can say it in its reader's language", async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "someone@example.com" }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({
      code: "validation_failed",
      field: "body.password",
      reason: "required",
    });
  });
});
