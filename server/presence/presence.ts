/**
 * Which operators have a live console, across every process: each live connection is a row that
 * its process keeps fresh; a row counts until the grace period after its last sign of life, so a
 * reload or a short network loss does not make the operator unavailable, and a crashed process's
 * rows simply expire.
 */
import { randomUUID } from "node:crypto";
import { and, eq, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { operatorConnections } from "./schema.js";

const FORGET_AFTER_MS = 60 * 60_000;

const heartbeatMsFor = (graceMs: number) => Math.min(2_000, Math.max(100, graceMs / 3));

/** How long an open connection's process may be silent and still count as alive: three
 *  heartbeats, so that one late refresh is not taken for a crash. */
export const liveWindowMs = (graceMs: number) => 3 * heartbeatMsFor(graceMs);

export class Presence {
  readonly processId = randomUUID();
  /** How often this process refreshes its open connections. Often: a process that died (a crash
   *  closes nothing) is told apart from a live one only by its rows falling silent. */
  readonly heartbeatMs: number;

  constructor(
    private readonly db: Database,
    readonly graceMs: number,
  ) {
    this.heartbeatMs = heartbeatMsFor(graceMs);
  }

  async connect(operatorId: string): Promise<string> {
    const [row] = await this.db
      .insert(operatorConnections)
      .values({ operatorId, processId: this.processId })
      .returning({ id: operatorConnections.id });
    if (!row) throw new Error("insert returned no connection");
    return row.id;
  }

  /** The connection closed: it still counts for the grace period from now. */
  async disconnect(connectionId: string): Promise<void> {
    const now = new Date();
    await this.db
      .update(operatorConnections)
      .set({ closedAt: now, lastSeenAt: now })
      .where(eq(operatorConnections.id, connectionId));
  }

  /** Keeps this process's open connections fresh. */
  async heartbeat(): Promise<void> {
    await this.db
      .update(operatorConnections)
      .set({ lastSeenAt: new Date() })
      .where(
        and(
          eq(operatorConnections.processId, this.processId),
          isNull(operatorConnections.closedAt),
        ),
      );
  }

  /** Forgets connections long past their grace period (those of processes that died among them).
   *  An hour at least: every process of an installation sweeps the same rows, and one configured
   *  with a shorter grace period (a test server beside another on one database, a process whose
   *  setting is being changed) must not forget a connection that another still counts. The rows
   *  are a few bytes each. */
  async forgetExpired(): Promise<void> {
    const keepMs = Math.max(10 * this.graceMs, FORGET_AFTER_MS);
    await this.db
      .delete(operatorConnections)
      .where(lt(operatorConnections.lastSeenAt, new Date(Date.now() - keepMs)));
  }

  /** SQL, in a query over `operators`: that operator has an open connection on a process that
   *  is alive now (refreshed within the live window), not just one within its grace period (a
   *  reload, a network loss, or a process that died): new chats go to these first. */
  live(): SQL<boolean> {
    return hasConnection(liveWindowMs(this.graceMs), sql`and live.closed_at is null`);
  }

  /** SQL, in a query over `operators`: that operator has a connection within the grace period. */
  connected(): SQL<boolean> {
    return hasConnection(this.graceMs);
  }
}

/** A connection of the operator's seen within the last withinMs. Names are qualified by hand:
 *  Drizzle leaves them bare in a one-table select, where a bare "id" inside the subquery would
 *  mean the connection's own id. */
function hasConnection(withinMs: number, also = sql``): SQL<boolean> {
  const since = new Date(Date.now() - withinMs);
  return sql<boolean>`exists (
    select 1 from ${operatorConnections} live
    where live.operator_id = "operators"."id" and live.last_seen_at > ${since} ${also}
  )`;
}
