import { asc, eq } from "drizzle-orm";
import type { Operator, OperatorStatus } from "../../shared/api.js";
import { openChats } from "../assignment/assignment.js";
import { hashPassword } from "../auth/passwords.js";
import type { Database } from "../db/client.js";
import { operators } from "../db/schema.js";
import type { Presence } from "../presence/presence.js";

export type OperatorRow = typeof operators.$inferSelect;

export function presentOperator(row: OperatorRow): Operator {
  return { id: row.id, email: row.email, name: row.name, role: row.role, status: row.status };
}

export async function createOperator(
  db: Database,
  input: { email: string; name: string; password: string; role: OperatorRow["role"] },
): Promise<OperatorRow> {
  const [row] = await db
    .insert(operators)
    .values({
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    })
    .returning();
  if (!row) throw new Error("insert returned no operator");
  return row;
}

export async function findOperatorByEmail(db: Database, email: string) {
  const [row] = await db.select().from(operators).where(eq(operators.email, email.toLowerCase()));
  return row ?? null;
}

export async function countOperators(db: Database): Promise<number> {
  return db.$count(operators);
}

export async function setOperatorStatus(
  db: Database,
  operatorId: string,
  status: OperatorStatus,
): Promise<OperatorRow> {
  const [row] = await db
    .update(operators)
    .set({ status })
    .where(eq(operators.id, operatorId))
    .returning();
  if (!row) throw new Error(`operator ${operatorId} vanished`);
  return row;
}

/** Every operator with their presence and load, for administrators. */
export async function listOperatorsWithPresence(db: Database, presence: Presence) {
  const rows = await db
    .select({
      operator: operators,
      connected: presence.connected().mapWith(Boolean),
      openChats,
    })
    .from(operators)
    .orderBy(asc(operators.name), asc(operators.email));
  return rows.map((row) => ({
    ...presentOperator(row.operator),
    connected: row.connected,
    openChats: row.openChats,
  }));
}
