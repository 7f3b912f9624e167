/** Column shapes every feature's tables share. */
import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, timestamp } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "./client.js";

export const createdAt = () =>
  timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const moment = (name: string) => timestamp(name, { withTimezone: true });

/** A CHECK that a text column holds one of the product's fixed words (shared/domain.ts): the
 *  database refuses any other, whoever writes. The words are the code's own constants. */
export const oneOf = (name: string, column: AnyPgColumn, values: readonly string[]) =>
  check(name, sql`${column} in (${sql.raw(values.map((value) => `'${value}'`).join(", "))})`);

/**
 * `column = any($1)`: a list of values that grows with the data (ids of a page, of a group
 * commit) as one array parameter. drizzle's `inArray` makes a parameter per value and spends
 * about 10 µs building each: a quarter of a 100,000-chat export's time, and garbage for the
 * collector. An empty list matches nothing, as `inArray`'s does. Fixed word lists (states) keep
 * `inArray`, which reads as the SQL it makes.
 */
export const anyOf = (column: AnyPgColumn, values: readonly unknown[]) =>
  sql`${column} = any(${sql.param(values)}::${sql.raw(column.getSQLType())}[])`;

/** One column of the rows with these ids, by id: what a reader needs to name the records a page
 *  refers to (operators, services, canned responses…) in one query. */
export async function valuesById<V>(
  db: Database | Transaction,
  column: { id: AnyPgColumn; value: AnyPgColumn },
  ids: readonly string[],
): Promise<Map<string, V>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select(column).from(column.id.table).where(anyOf(column.id, ids));
  return new Map(rows.map((row) => [row.id as string, row.value as V]));
}
