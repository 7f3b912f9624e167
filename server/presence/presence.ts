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

/** Longer than any service's reassignment grace period (an hour at most). */
const FORGET_AFTER_MS = 2 * 60 * 60_000;

/** How long an open connection's process may be silent and still count as alive: three
 *  heartbeats, so that one late refresh is not taken for a crash. */
export const liveWindowMs = (heartbeatMs: number) => 3 * heartbeatMs;

/** The grace period where no service's applies (the administrators' list of operators). */
export const DEFAULT_GRACE_MS = 60_000;

export class Presence {
  readonly processId = randomUUID();

  constructor(
    private readonly db: Database,
    /** How often this process refreshes its open connections. Often: a process that died (a
     *  crash closes nothing) is told apart from a live one only by its rows falling silent. */
    readonly heartbeatMs: number,
  ) {}

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

  /** Forgets connections past every service's grace period (those of processes that died among
   *  them). The rows are a few bytes each. */
  async forgetExpired(): Promise<void> {
    await this.db
      .delete(operatorConnections)
      .where(lt(operatorConnections.lastSeenAt, new Date(Date.now() - FORGET_AFTER_MS)));
  }

  /** SQL, in a query over `operators`: that operator has an open connection on a process that
   *  is alive now (refreshed within the live window), not just one within its grace period (a
   *  reload, a network loss, or a process that died): new chats go to these first. */
  live(): SQL<boolean> {
    return hasConnection(liveWindowMs(this.heartbeatMs), sql`and live.closed_at is null`);
  }

  /** SQL, in a query over `operators`: that operator has a connection within the grace period
   *  (milliseconds: a service's, or SQL giving each row's service's). */
  connected(graceMs: number | SQL<number>): SQL<boolean> {
    return hasConnection(graceMs);
  }
}

/** A connection of the operator's seen within the last withinMs. Names are qualified by hand:
 *  Drizzle leaves them bare in a one-table select, where a bare "id" inside the subquery would
 *  mean the connection's own id. */
function hasConnection(withinMs: number | SQL<number>, also = sql``): SQL<boolean> {
  const now = new Date();
  const since =
    typeof withinMs === "number"
      ? sql`${new Date(now.getTime() - withinMs)}`
      : sql`${now}::timestamptz - ${withinMs} * interval '1 millisecond'`;
  return sql<boolean>`exists (
    select 1 from ${operatorConnections} live
    where live.operator_id = "operators"."id" and live.last_seen_at > ${since} ${also}
  )`;
}
