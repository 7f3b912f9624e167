/** The audit log (issue 11): every change service management makes is written here, in the
 *  change's own transaction, with only the fields that changed. */
import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import type { AuditSubject } from "../../shared/domain.js";
import type { Database, Transaction } from "../db/client.js";
import { type AuditRow, auditLog } from "./schema.js";

export interface Change {
  actorId: string | null;
  serviceId: string | null;
  subject: AuditSubject;
  subjectId: string;
  action: string;
  /** The record before and after, whole or in part: only keys whose values differ are kept. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Writes one audit row; a "changed" that changes nothing writes none. */
export async function recordChange(tx: Transaction | Database, change: Change): Promise<void> {
  const [before, after] = changedFields(change.before ?? null, change.after ?? null);
  if (change.action === "changed" && before === null && after === null) return;
  await tx.insert(auditLog).values({ ...change, before, after });
}

/** The two sides reduced to the keys that differ (compared as JSON, as they are stored). */
function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): [Record<string, unknown> | null, Record<string, unknown> | null] {
  if (!before || !after) return [before, after];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const was: Record<string, unknown> = {};
  const is: Record<string, unknown> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    was[key] = before[key] ?? null;
    is[key] = after[key] ?? null;
  }
  return Object.keys(is).length === 0 ? [null, null] : [was, is];
}

export interface ChangeQuery {
  /** One service's changes; undefined: every change. */
  serviceId?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** The last row of the previous page: the next page starts after it (newest first). */
  after?: { createdAt: Date; id: string };
  limit: number;
}

/** Changes newest first, paged by the last row seen (an index range, never an offset). */
export async function listChanges(db: Database, query: ChangeQuery): Promise<AuditRow[]> {
  const conditions: (SQL | undefined)[] = [
    query.serviceId ? eq(auditLog.serviceId, query.serviceId) : undefined,
    query.from ? gte(auditLog.createdAt, query.from) : undefined,
    query.to ? lt(auditLog.createdAt, query.to) : undefined,
    query.after
      ? or(
          lt(auditLog.createdAt, query.after.createdAt),
          and(eq(auditLog.createdAt, query.after.createdAt), lt(auditLog.id, query.after.id)),
        )
      : undefined,
  ];
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(query.limit);
}
