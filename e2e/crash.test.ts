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
import { asc, inArray } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { messages } from "../server/db/schema.js";
import { Party, until } from "./party.js";
import { seedInstallation } from "./seed.js";
import { freePort, type ServerProcess, startServerProcess } from "./server-process.js";

const CUSTOMERS = 6;
const OPERATORS = 3;
/** Each client sends one message this often: 25 a second, half its frame budget. */
const SEND_EVERY_MS = 40;
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

/** A database of its own next to TEST_DATABASE_URL's, as server/test/postgres-setup.ts makes. */
async function freshPostgresDatabase(serverUrl: string) {
  const name = `madoguchi_crash_${Date.now()}_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Every connected client sends a message every SEND_EVERY_MS; returns how to stop. */
function load(parties: Party[]) {
  const timer = setInterval(() => {
    for (const party of parties) if (party.connected) party.sendNext();
  }, SEND_EVERY_MS);
  return () => clearInterval(timer);
}

const ackedCount = (parties: Party[]) => parties.reduce((sum, party) => sum + party.acked.size, 0);

/** Connects every client and waits until each of its chats has been replayed to it. */
async function connectAll(parties: Party[], server: ServerProcess) {
  const wsUrl = `${server.url.replace(/^http/, "ws")}/ws`;
  await Promise.all(parties.map((party) => party.connect(wsUrl)));
  await until(() => parties.every((party) => party.isSynced()), "every client synced");
}

const oneTo = (last: number) => Array.from({ length: last }, (_, index) => index + 1);

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
      // Each chat announced to its operator and replayed there too: spread evenly over them.
      const announced = () => operators.reduce((sum, party) => sum + party.chatIds.length, 0);
      await until(
        () => announced() === CUSTOMERS && operators.every((party) => party.isSynced()),
        "every chat followed by its operator",
      );
      expect(operators.map((party) => party.chatIds.length)).toEqual(
        Array(OPERATORS).fill(CUSTOMERS / OPERATORS),
      );

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
      await until(() => parties.every((party) => party.outbox.size === 0), "every ack");
      // Each chat's last message, as its senders were told: both sides must receive up to it.
      const lastSeq = new Map<string, number>();
      for (const message of parties.flatMap((party) => [...party.acked.values()])) {
        lastSeq.set(message.chatId, Math.max(lastSeq.get(message.chatId) ?? 0, message.seq));
      }
      await until(
        () =>
          parties.every((party) =>
            party.chatIds.every((chatId) => party.lastSeq(chatId) === lastSeq.get(chatId)),
          ),
        "every transcript complete",
      );
      await server.stop();

      for (const party of parties) {
        expect(party.problems, party.name).toEqual([]);
        for (const chatId of party.chatIds) {
          const seqs = party.received.get(chatId)?.map((message) => message.seq);
          expect(seqs, `${party.name}'s transcript`).toEqual(oneTo(lastSeq.get(chatId) ?? 0));
        }
      }
      const stored = await installation.read((db) =>
        db
          .select()
          .from(messages)
          .where(inArray(messages.chatId, [...lastSeq.keys()]))
          .orderBy(asc(messages.chatId), asc(messages.seq)),
      );
      // Each chat's greeting, and each acknowledged message once: nothing else was stored.
      expect(stored).toHaveLength(CUSTOMERS + ackedCount(parties));
      for (const [chatId, last] of lastSeq) {
        const rows = stored.filter((row) => row.chatId === chatId);
        expect(rows.map((row) => row.seq)).toEqual(oneTo(last));
        for (const party of parties.filter((party) => party.chatIds.includes(chatId))) {
          expect(party.received.get(chatId)?.map((message) => message.id)).toEqual(
            rows.map((row) => row.id),
          );
        }
      }
      const byClientId = new Map(stored.map((row) => [`${row.chatId} ${row.clientId}`, row]));
      for (const [clientId, message] of parties.flatMap((party) => [...party.acked])) {
        expect(byClientId.get(`${message.chatId} ${clientId}`)).toMatchObject({
          id: message.id,
          seq: message.seq,
          body: message.body,
        });
      }
    } finally {
      for (const party of parties) party.close();
      await server?.kill();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
