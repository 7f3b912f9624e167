/**
 * Two processes on one PostgreSQL and one Redis, one of them killed with SIGKILL under load
 * (ARCHITECTURE.md, "Reliability and security bars"). Operators and customers of the built
 * server (dist/) are spread over processes A and B so that some chats have their customer on A
 * and their operator on B and some the other way round: their messages cross through Redis. A is
 * killed mid-load; every client that was on A reconnects to B, as a load balancer would send it,
 * with its cursors, and resends what was not acknowledged. Every acknowledged message is then
 * stored exactly once, every client's transcript is complete, in order, without a repeat, and
 * messages keep flowing on both sides. A chat requested once A's connections have fallen silent
 * goes to an operator who is connected, not to one whose only console was on A, though that
 * console is still within its grace period (a minute, for reloads and network losses). Runs when
 * TEST_DATABASE_URL and TEST_REDIS_URL are set.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { liveWindowMs } from "../server/presence/presence.js";
import { chats, operatorConnections, operators as operatorRows } from "../server/test/tables.js";
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
import { type Installation, seedInstallation } from "./seed.js";
import { freePort, type ServerProcess, startServerProcess } from "./server-process.js";

/** Alternately on A and B, each with CUSTOMERS / OPERATORS chats. */
const OPERATORS = 4;
const CUSTOMERS = 8;
const ACKED_BEFORE_KILL = 300;
/** Of the clients that were on A, and of those on B, each group's acks after the kill. */
const ACKED_AFTER_KILL = 100;
/** The server's default: how often a process refreshes its consoles' presence. */
const PRESENCE_HEARTBEAT_MS = 2_000;

const postgresUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

/** A customer's one chat. */
function chatOf(customer: Party): string {
  const [chatId] = customer.chatIds;
  if (!chatId) throw new Error(`${customer.name} has no chat`);
  return chatId;
}

/** The email of the operator the chat is assigned to now. */
async function operatorOf(installation: Installation, chatId: string) {
  const [row] = await installation.read((db) =>
    db
      .select({ email: operatorRows.email })
      .from(chats)
      .innerJoin(operatorRows, eq(operatorRows.id, chats.operatorId))
      .where(eq(chats.id, chatId)),
  );
  return row?.email;
}

/** The operator's connections that no process closed: a killed process's stay so until deleted. */
async function unclosedConnectionsOf(installation: Installation, email: string) {
  const rows = await installation.read((db) =>
    db
      .select({ id: operatorConnections.id })
      .from(operatorConnections)
      .innerJoin(operatorRows, eq(operatorRows.id, operatorConnections.operatorId))
      .where(and(eq(operatorRows.email, email), isNull(operatorConnections.closedAt))),
  );
  return rows.length;
}

/** Resolves once the operator's connections have been silent (not refreshed) for longer than ms,
 *  as the database tells it. */
async function silence(installation: Installation, email: string, ms: number) {
  for (;;) {
    const [row] = await installation.read((db) =>
      db
        .select({
          silentMs:
            sql<number>`extract(epoch from now() - max(${operatorConnections.lastSeenAt})) * 1000`.mapWith(
              Number,
            ),
        })
        .from(operatorConnections)
        .innerJoin(operatorRows, eq(operatorRows.id, operatorConnections.operatorId))
        .where(eq(operatorRows.email, email)),
    );
    const silentMs = row?.silentMs ?? 0;
    if (silentMs > ms) return;
    await new Promise((resolve) => setTimeout(resolve, ms - silentMs + 10));
  }
}

describe.runIf(postgresUrl && redisUrl)(
  "two processes on one PostgreSQL and one Redis, one killed with SIGKILL under load",
  () => {
    it("moves the killed process's clients to the other with nothing lost, and gives new chats to connected operators only", async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-scale-out-kill-"));
      const database = await freshPostgresDatabase(postgresUrl ?? "");
      const servers: ServerProcess[] = [];
      const parties: Party[] = [];
      let leaver: Party | undefined;
      try {
        // One more operator than the load needs: the one who leaves with A and does not come back.
        const installation = await seedInstallation({
          dataDir,
          databaseUrl: database.url,
          port: await freePort(),
          operators: OPERATORS + 1,
        });
        const env = {
          ...installation.env,
          REDIS_URL: redisUrl ?? "",
        };
        const a = await startServerProcess(env);
        servers.push(a);
        const b = await startServerProcess({ ...env, PORT: String(await freePort()) });
        servers.push(b);
        const serviceKey = installation.serviceKey;

        // Operators first: a chat is assigned only to an operator with a live console.
        const accounts = installation.operators.slice(0, OPERATORS);
        const sideOf = new Map<Party, ServerProcess>();
        const operators: Party[] = [];
        for (const [index, account] of accounts.entries()) {
          const side = index % 2 === 0 ? a : b;
          const operator = await Party.operator(side.url, account);
          sideOf.set(operator, side);
          operators.push(operator);
        }
        const on = (side: ServerProcess) =>
          [...sideOf].flatMap(([party, its]) => (its === side ? [party] : []));
        const sideName = (party: Party) => (sideOf.get(party) === a ? "A" : "B");
        await Promise.all([connectAll(on(a), a), connectAll(on(b), b)]);
        parties.push(...operators);

        // Chat requests through both processes' HTTP API.
        const customers: Party[] = [];
        for (let index = 0; index < CUSTOMERS; index++) {
          const side = index % 2 === 0 ? a : b;
          customers.push(await Party.customer(side.url, serviceKey));
        }
        await expectFollowedEvenly(operators, CUSTOMERS);
        // Of each operator's chats, the first customer is on the operator's process, the second
        // on the other: chats within A, within B, from A to B and from B to A.
        const pairs = new Set<string>();
        for (const operator of operators) {
          const [same, other] = sideOf.get(operator) === a ? [a, b] : [b, a];
          for (const [index, chatId] of operator.chatIds.entries()) {
            const customer = customers.find((customer) => chatOf(customer) === chatId);
            if (!customer) throw new Error(`no customer for ${chatId}`);
            sideOf.set(customer, index % 2 === 0 ? same : other);
            pairs.add(`customer on ${sideName(customer)}, operator on ${sideName(operator)}`);
          }
        }
        expect(pairs.size).toBe(4);
        await Promise.all([
          connectAll(
            customers.filter((customer) => sideOf.get(customer) === a),
            a,
          ),
          connectAll(
            customers.filter((customer) => sideOf.get(customer) === b),
            b,
          ),
        ]);
        parties.push(...customers);

        // The leaver: online, with a console on A only, and no chat yet, so the first in line for
        // the next one.
        const leaverAccount = installation.operators[OPERATORS];
        if (!leaverAccount) throw new Error("no account for the leaver");
        leaver = await Party.operator(a.url, leaverAccount);
        await connectAll([leaver], a);

        // Messages cross between the processes live: the customers alone write one each, then the
        // operators alone one in each of their chats. The receiving side sends nothing meanwhile,
        // so no message of its own makes its process fetch the other's from the database.
        for (const customer of customers) customer.sendNext();
        await settle(parties);
        for (const operator of operators) for (const _ of operator.chatIds) operator.sendNext();
        await settle(parties);

        const formerlyOnA = on(a);
        const onB = on(b);
        const stopLoad = load(parties);
        await until(() => ackedCount(parties) >= ACKED_BEFORE_KILL, "acks before the kill");
        // One more message from everyone on A and the kill in the same turn: none of these can
        // have been acknowledged; some may have been stored.
        for (const party of formerlyOnA) party.sendNext();
        await a.kill();
        await until(
          () => !leaver?.connected && formerlyOnA.every((party) => !party.connected),
          "every socket on A closed",
        );
        expect(formerlyOnA.reduce((sum, party) => sum + party.outbox.size, 0)).toBeGreaterThan(0);
        expect(onB.every((party) => party.connected)).toBe(true);
        const ackedAtKill = { formerlyOnA: ackedCount(formerlyOnA), onB: ackedCount(onB) };

        // Sent to B, as a load balancer would; B's clients chat on meanwhile.
        await connectAll(formerlyOnA, b);

        // The leaver's console on A still counts for its grace period, as a reload would, but A no
        // longer refreshes it: once it has been silent longer than a live process ever is, a new
        // chat goes to an operator connected now, though the leaver holds the fewest chats.
        await silence(installation, leaver.name, liveWindowMs(PRESENCE_HEARTBEAT_MS));
        const afterKill = await Party.customer(b.url, serviceKey);
        expect(operators.map((operator) => operator.name)).toContain(
          await operatorOf(installation, chatOf(afterKill)),
        );
        // Still there, open as A left it, and within its grace period.
        expect(await unclosedConnectionsOf(installation, leaver.name)).toBe(1);
        await connectAll([afterKill], b);
        parties.push(afterKill);

        await until(
          () =>
            ackedCount(formerlyOnA) >= ackedAtKill.formerlyOnA + ACKED_AFTER_KILL &&
            ackedCount(onB) >= ackedAtKill.onB + ACKED_AFTER_KILL &&
            afterKill.acked.size >= 10,
          "acks after the kill from every side",
        );
        stopLoad();
        const lastSeq = await settle(parties);
        expect(lastSeq.size).toBe(CUSTOMERS + 1);
        await b.stop();

        expect(leaver.problems).toEqual([]);
        expect(leaver.chatIds).toEqual([]);
        await expectNothingLostOrRepeated(parties, lastSeq, installation);
      } finally {
        for (const party of [...parties, ...(leaver ? [leaver] : [])]) party.close();
        await Promise.all(servers.map((server) => server.kill()));
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  },
);
