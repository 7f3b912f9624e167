import { asc, eq } from "drizzle-orm";
import type { Operator, OperatorStatus } from "../../shared/api.js";
import { openChats } from "../assignment/assignment.js";
import { generatePassword, hashPassword } from "../auth/passwords.js";
import type { Database } from "../db/client.js";
import { operators, sessions } from "../db/schema.js";
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

/** Gives the operator a new generated password and ends every session they have, so whoever held
 *  the old one is logged out. Returns the password, or null when nobody has that email. */
export async function resetPassword(db: Database, email: string): Promise<string | null> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [operator] = await tx
      .update(operators)
      .set({ passwordHash })
      .where(eq(operators.email, email.toLowerCase()))
      .returning({ id: operators.id });
    if (!operator) return null;
    await tx.delete(sessions).where(eq(sessions.operatorId, operator.id));
    return password;
  });
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
