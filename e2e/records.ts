/** Browser tests of the records (chat history, export, masking): past chats written into a new
 *  DATA_DIR before the built server opens it (PGlite opens in one process at a time). */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import type { Database } from "../server/db/client.js";
import { openDatabase } from "../server/db/client.js";
import { createOperator } from "../server/operators/operators.js";
import { addMember, createService } from "../server/services/services.js";
import { buildPastChat } from "../server/test/past-chats.js";
import { ADMIN, launchBrowser } from "./browser.js";
import { freePort, type ServerProcess, startServerProcess } from "./server-process.js";

export interface Records<T> {
  server: ServerProcess;
  browser: Browser;
  /** What the seed returned (the ids a test looks for). */
  seeded: T;
  close(): Promise<void>;
}

/** A service "Shop" in the time zone given, the administrator (ADMIN) as its member, and what
 *  the seed writes, beside the demo service every installation starts with; then the server and
 *  a browser. */
export async function startWithRecords<T>(
  timeZone: string,
  seed: (db: Database, ids: { serviceId: string; adminId: string }) => Promise<T>,
): Promise<Records<T>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-e2e-records-"));
  const handle = await openDatabase({ dataDir, databaseUrl: undefined });
  await handle.migrate();
  const { db } = handle;
  const service = await createService(db, { name: "Shop", chatEnabled: true, timeZone });
  const admin = await createOperator(db, { ...ADMIN, name: "Aiko Admin", role: "administrator" });
  await addMember(db, { operatorId: admin.id, serviceId: service.id });
  const seeded = await seed(db, { serviceId: service.id, adminId: admin.id });
  await handle.close();
  const server = await startServerProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    seeded,
    async close() {
      await browser.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Three answered chats of November 2026 in Japanese, English and Korean, one a day. */
export async function threePastChats(db: Database, ids: { serviceId: string; adminId: string }) {
  const past = (at: string, name: string, messages: string[]) =>
    buildPastChat(db, {
      serviceId: ids.serviceId,
      requestedAt: new Date(at),
      customer: { name },
      holders: [ids.adminId],
      processed: true,
      minutes: 8,
      messages,
    });
  await past("2026-11-20T01:00:00Z", "田中 花子", [
    "customer: 注文した猫の餌がまだ届きません",
    "operator: 確認いたします。少々お待ちください。",
  ]);
  await past("2026-11-21T01:00:00Z", "Jane Smith", ["customer: I would like a refund"]);
  await past("2026-11-22T01:00:00Z", "김민준", ["customer: 환불을 요청합니다"]);
}
