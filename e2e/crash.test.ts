/**
 * SIGKILL during a load (ARCHITECTURE.md, "Reliability and security bars"). Customers and
 * operators chat continuously over real WebSockets with the built server (dist/) as a child
 * process; it is killed mid-load and started again on the same data; the clients reconnect with
 * their cursors and resend what was not acknowledged, as shared/realtime-client.ts does. Every
 * acknowledged message is then stored exactly once, and every client's transcript is complete, in
 * order, without a repeat. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ackedCount,
  connectAll,
  expectFollowedEvenly,
  expectNothingLostOrRepeated,
  freshPostgresDatabase,
  load,
  settle,
} from "./load.js";
import { Party, until } from "./party.js";
import { seedInstallation } from "./seed.js";
import { freePort, type ServerProcess, startServerProcess } from "./server-process.js";

const CUSTOMERS = 6;
const OPERATORS = 3;
const ACKED_BEFORE_KILL = 300;
const ACKED_AFTER_RESTART = 150;

interface Backend {
  name: string;
  /** A DATABASE_URL for the server, and how to drop it; none for PGlite under DATA_DIR. */
  database(): Promise<{ url: string | undefined; drop(): Promise<void> }>;
}

const backends: Backend[] = [
  { name: "PGlite", database: async () => ({ url: undefined, drop: async () => {} }) },
];
const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  backends.push({ name: "PostgreSQL", database: () => freshPostgresDatabase(postgresUrl) });
}

describe.each(backends)("a server killed with SIGKILL under load, on $name", (backend) => {
  it("keeps every acknowledged message exactly once, and every client resumes with a complete transcript in order", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-crash-"));
    const database = await backend.database();
    let server: ServerProcess | undefined;
    const parties: Party[] = [];
    try {
      const installation = await seedInstallation({
        dataDir,
        databaseUrl: database.url,
        port: await freePort(),
        operators: OPERATORS,
      });
      server = await startServerProcess(installation.env);
      const { url } = server;
      // Operators first: a chat is assigned only to an operator with a live console.
      const operators = await Promise.all(
        installation.operators.map((account) => Party.operator(url, account)),
      );
      parties.push(...operators);
      await connectAll(operators, server);
      const customers: Party[] = [];
      for (let index = 0; index < CUSTOMERS; index++) {
        customers.push(await Party.customer(url, installation.serviceKey));
      }
      parties.push(...customers);
      await connectAll(customers, server);
      await expectFollowedEvenly(operators, CUSTOMERS);

      let stopLoad = load(parties);
      await until(() => ackedCount(parties) >= ACKED_BEFORE_KILL, "acks before the kill");
      // One more message from everyone and the kill in the same turn: none of these can have
      // been acknowledged; some may have been stored.
      for (const party of parties) party.sendNext();
      const killed = server.kill();
      stopLoad();
      await killed;
      await until(() => parties.every((party) => !party.connected), "every socket closed");
      const ackedBeforeKill = ackedCount(parties);
      expect(parties.reduce((sum, party) => sum + party.outbox.size, 0)).toBeGreaterThan(0);

      server = await startServerProcess(installation.env);
      await connectAll(parties, server);
      stopLoad = load(parties);
      await until(
        () => ackedCount(parties) >= ackedBeforeKill + ACKED_AFTER_RESTART,
        "acks after the restart",
      );
      stopLoad();
      const lastSeq = await settle(parties);
      expect(lastSeq.size).toBe(CUSTOMERS);
      await server.stop();
      await expectNothingLostOrRepeated(parties, lastSeq, installation);
    } finally {
      for (const party of parties) party.close();
      await server?.kill();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
