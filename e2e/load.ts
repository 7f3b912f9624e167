/**
 * What the load tests that kill a server share (crash.test.ts, scale-out-kill.test.ts): clients
 * chatting continuously over real WebSockets, and the proof afterwards that nothing acknowledged
 * was lost or stored twice and that every client holds every transcript whole, in order.
 */
import { randomBytes } from "node:crypto";
import { asc, inArray } from "drizzle-orm";
import pg from "pg";
import { expect } from "vitest";
import { messages } from "../server/test/tables.js";
import { type Party, until } from "./party.js";
import type { Installation } from "./seed.js";
import type { ServerProcess } from "./server-process.js";

/** Each client sends one message this often: 25 a second, half its frame budget. */
const SEND_EVERY_MS = 40;

/** A database of its own next to TEST_DATABASE_URL's, as server/test/postgres-setup.ts makes.
 *  Test files run side by side, maybe in one process: the name has a random part. */
export async function freshPostgresDatabase(serverUrl: string) {
  const name = `madoguchi_e2e_${Date.now()}_${randomBytes(4).toString("hex")}`;
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

/** Every connected client sends a message every SEND_EVERY_MS, clients added to the list later
 *  included; returns how to stop. */
export function load(parties: Party[]) {
  const timer = setInterval(() => {
    for (const party of parties) if (party.connected) party.sendNext();
  }, SEND_EVERY_MS);
  return () => clearInterval(timer);
}

export const ackedCount = (parties: Party[]) =>
  parties.reduce((sum, party) => sum + party.acked.size, 0);

/** Connects every client and waits until each of its chats has been replayed to it. */
export async function connectAll(parties: Party[], server: ServerProcess) {
  const wsUrl = `${server.url.replace(/^http/, "ws")}/ws`;
  await Promise.all(parties.map((party) => party.connect(wsUrl)));
  await until(() => parties.every((party) => party.isSynced()), "every client synced");
}

/** Waits until each of the chats has been announced to its operator and replayed there, then
 *  checks that they were spread evenly over the operators. */
export async function expectFollowedEvenly(operators: Party[], chats: number) {
  const announced = () => operators.reduce((sum, party) => sum + party.chatIds.length, 0);
  await until(
    () => announced() === chats && operators.every((party) => party.isSynced()),
    "every chat followed by its operator",
  );
  expect(operators.map((party) => party.chatIds.length)).toEqual(
    Array(operators.length).fill(chats / operators.length),
  );
}

export const oneTo = (last: number) => Array.from({ length: last }, (_, index) => index + 1);

/**
 * Once the load has stopped: waits for every message to be acknowledged and for both sides of
 * every chat to have received up to its last message, as its senders were told. Returns that
 * last sequence number per chat.
 */
export async function settle(parties: Party[]): Promise<Map<string, number>> {
  await until(() => parties.every((party) => party.outbox.size === 0), "every ack");
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
  return lastSeq;
}

/**
 * No error frame; every client's transcript of each of its chats is 1..last, in order, without
 * a repeat, and the very rows stored; the database holds each chat's greeting and each
 * acknowledged message exactly once, as acknowledged, and nothing else.
 */
export async function expectNothingLostOrRepeated(
  parties: Party[],
  lastSeq: Map<string, number>,
  installation: Pick<Installation, "read">,
) {
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
  expect(stored).toHaveLength(lastSeq.size + ackedCount(parties));
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
}
