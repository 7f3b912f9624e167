/** Operators: their accounts, statuses and limits. Sessions belong to auth/. */
import { and, asc, desc, eq, isNull, ne, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { ManagedOperator, Operator, OperatorStatus } from "../../shared/api.js";
import type { Database, Transaction } from "../db/client.js";
import { valuesById } from "../db/columns.js";
import { DEFAULT_GRACE_MS, type Presence } from "../presence/presence.js";
import { chatMemberOf, membershipsOf } from "../services/services.js";
import { hashPassword } from "./passwords.js";
import { operators } from "./schema.js";

export type OperatorRow = typeof operators.$inferSelect;

export function presentOperator(row: OperatorRow): Operator {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    passwordChangeRequired: row.passwordChangeRequired,
  };
}

/** An operator as administrators manage them; `memberships` from services/. */
export function presentManagedOperator(
  row: OperatorRow,
  memberships: ManagedOperator["memberships"],
): ManagedOperator {
  return {
    ...presentOperator(row),
    chatLimit: row.chatLimit,
    active: row.deactivatedAt === null,
    memberships,
  };
}

export async function createOperator(
  db: Database,
  input: { email: string; name: string; password: string; role: OperatorRow["role"] },
): Promise<OperatorRow> {
  const { password, ...account } = input;
  return insertOperator(db, { ...account, passwordHash: await hashPassword(password) });
}

export async function insertOperator(
  db: Database,
  input: Pick<typeof operators.$inferInsert, "email" | "name" | "role" | "passwordHash"> &
    Partial<Pick<OperatorRow, "chatLimit" | "passwordChangeRequired">>,
): Promise<OperatorRow> {
  const [row] = await db
    .insert(operators)
    .values({ ...input, email: input.email.toLowerCase() })
    .returning();
  if (!row) throw new Error("insert returned no operator");
  return row;
}

const active = isNull(operators.deactivatedAt);

/** The operator, active or not. */
export async function findOperator(db: Database, operatorId: string) {
  const [row] = await db.select().from(operators).where(eq(operators.id, operatorId));
  return row ?? null;
}

/** An operator who may log in: known and not deactivated. */
export async function findActiveOperator(db: Database, operatorId: string) {
  const [row] = await db
    .select()
    .from(operators)
    .where(and(eq(operators.id, operatorId), active));
  return row ?? null;
}

export async function findOperatorByEmail(db: Database, email: string) {
  const [row] = await db
    .select()
    .from(operators)
    .where(and(eq(operators.email, email.toLowerCase()), active));
  return row ?? null;
}

export async function operatorName(db: Database, operatorId: string): Promise<string | null> {
  const [operator] = await db
    .select({ name: operators.name })
    .from(operators)
    .where(eq(operators.id, operatorId));
  return operator?.name ?? null;
}

/** Operators' names by id (deactivated ones too), for presenting records of several. */
export function operatorNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  return valuesById(db, { id: operators.id, value: operators.name }, ids);
}

/** SQL: the display name of the operator whose id the given column holds (null for none). */
export const operatorNameOf = (operatorId: SQLWrapper): SQL<string | null> =>
  sql<
    string | null
  >`(select ${operators.name} from ${operators} where ${operators.id} = ${operatorId})`;

/** Stores a new password hash; returns the operator's id, or null when nobody has the email. */
export async function setPasswordHash(
  db: Database,
  email: string,
  passwordHash: string,
): Promise<string | null> {
  const [operator] = await db
    .update(operators)
    .set({ passwordHash })
    .where(eq(operators.email, email.toLowerCase()))
    .returning({ id: operators.id });
  return operator?.id ?? null;
}

/** The operator can no longer log in nor get chats; their chats and messages keep their name. */
export async function markDeactivated(db: Database, operatorId: string): Promise<boolean> {
  const [row] = await db
    .update(operators)
    .set({ deactivatedAt: new Date(), status: "offline" })
    .where(and(eq(operators.id, operatorId), active))
    .returning({ id: operators.id });
  return Boolean(row);
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

/** Every operator, active ones first, with their services, whether their console is connected
 *  and how many chats they hold (the in-chat count, which chats/ says how to count), for
 *  administrators. */
export async function listOperatorsWithPresence(
  db: Database,
  presence: Presence,
  held: SQL<number>,
) {
  const rows = await db
    .select({
      operator: operators,
      connected: presence.connected(DEFAULT_GRACE_MS).mapWith(Boolean),
      held,
    })
    .from(operators)
    .orderBy(desc(active), asc(operators.name), asc(operators.email));
  const memberships = await membershipsOf(
    db,
    rows.map((row) => row.operator.id),
  );
  return rows.map((row) => ({
    ...presentManagedOperator(row.operator, memberships.get(row.operator.id) ?? []),
    connected: row.connected,
    openChats: row.held,
  }));
}

/** Active members of the service with chat permission, by name: whom its tickets may go to. */
export function chatMembers(db: Database, serviceId: string) {
  return db
    .select({ id: operators.id, name: operators.name })
    .from(operators)
    .where(and(active, chatMemberOf(serviceId)))
    .orderBy(asc(operators.name), asc(operators.id));
}

export interface OnlineMember {
  id: string;
  name: string;
  /** A console connected now, not only within its grace period (decision 20). */
  live: boolean;
  /** Chats held against the limit (the in-chat count). */
  held: number;
  /** Their own concurrent-chat limit, or null for the service's. */
  chatLimit: number | null;
}

/**
 * Members of the service with chat permission who are online, active and connected: who may get
 * or be handed a chat. Fewest chats held first, then the one idle longest. `held` counts an
 * operator's chats (chats/ owns them and says how).
 */
export function onlineMembers(
  db: Database,
  presence: Presence,
  request: {
    serviceId: string;
    /** The service's reassignment grace period: how long a console gone still counts. */
    graceMs: number;
    held: SQL<number>;
    excludeOperatorId?: string | null;
  },
): Promise<OnlineMember[]> {
  const { held } = request;
  return db
    .select({
      id: operators.id,
      name: operators.name,
      live: presence.live().mapWith(Boolean),
      held,
      chatLimit: operators.chatLimit,
    })
    .from(operators)
    .where(
      and(
        active,
        eq(operators.status, "online"),
        chatMemberOf(request.serviceId),
        presence.connected(request.graceMs),
        request.excludeOperatorId ? ne(operators.id, request.excludeOperatorId) : undefined,
      ),
    )
    .orderBy(asc(held), asc(operators.idleSince));
}

/** SQL: the operator whose id the given column holds is online, active and connected within the
 *  grace period given (SQL: each chat's service's), so may keep chats nobody opened yet. */
export function isAvailable(
  presence: Presence,
  operatorId: SQLWrapper,
  graceMs: SQL<number>,
): SQL<boolean> {
  return sql<boolean>`exists (
    select 1 from ${operators}
    where ${operators.id} = ${operatorId} and ${operators.status} = 'online'
      and ${operators.deactivatedAt} is null and ${presence.connected(graceMs)}
  )`;
}

/** Locks the operator's row for the rest of the transaction and counts what they hold now: an
 *  assignment of another service cannot take their last free slot meanwhile. */
export async function lockOperatorLoad(tx: Transaction, operatorId: string, held: SQL<number>) {
  const [row] = await tx
    .select({ held, chatLimit: operators.chatLimit })
    .from(operators)
    .where(and(eq(operators.id, operatorId), active, eq(operators.status, "online")))
    .for("update");
  return row ?? null;
}

/** The operator just got a chat: ties go to someone else next. */
export async function markAssigned(tx: Transaction, operatorId: string): Promise<void> {
  await tx.update(operators).set({ idleSince: new Date() }).where(eq(operators.id, operatorId));
}

/** Locks and returns the operator's row, active or not; null when there is none. */
export async function lockOperator(tx: Transaction, operatorId: string) {
  const [row] = await tx.select().from(operators).where(eq(operators.id, operatorId)).for("update");
  return row ?? null;
}

/** The active administrators' ids. */
export async function administratorIds(db: Database): Promise<string[]> {
  const rows = await db
    .select({ id: operators.id })
    .from(operators)
    .where(and(eq(operators.role, "administrator"), active));
  return rows.map((row) => row.id);
}

/** Locks the active administrators' rows, in id order so that two changes never deadlock, and
 *  returns their ids: a change that would leave none waits for the other and then sees it. */
export async function lockAdministrators(tx: Transaction): Promise<string[]> {
  const rows = await tx
    .select({ id: operators.id })
    .from(operators)
    .where(and(eq(operators.role, "administrator"), active))
    .orderBy(asc(operators.id))
    .for("update");
  return rows.map((row) => row.id);
}

/** Whether another operator (active or not: the column is unique) already has the email. */
export async function emailTaken(db: Database, email: string, exceptId?: string) {
  const [row] = await db
    .select({ id: operators.id })
    .from(operators)
    .where(
      and(
        eq(operators.email, email.toLowerCase()),
        exceptId ? ne(operators.id, exceptId) : undefined,
      ),
    );
  return Boolean(row);
}

export async function updateOperatorRow(
  tx: Transaction,
  operatorId: string,
  changes: Partial<Pick<OperatorRow, "name" | "email" | "role" | "chatLimit">>,
): Promise<OperatorRow> {
  const [row] = await tx
    .update(operators)
    .set({ ...changes, email: changes.email?.toLowerCase() })
    .where(eq(operators.id, operatorId))
    .returning();
  if (!row) throw new Error(`operator ${operatorId} vanished`);
  return row;
}

/** A new password hash by id; `changeRequired`: the operator must choose their own next. */
export async function setPassword(
  tx: Transaction,
  operatorId: string,
  passwordHash: string,
  changeRequired: boolean,
): Promise<void> {
  await tx
    .update(operators)
    .set({ passwordHash, passwordChangeRequired: changeRequired })
    .where(eq(operators.id, operatorId));
}

/** The operator may log in and get chats again; false when they were not deactivated. */
export async function markReactivated(tx: Transaction, operatorId: string): Promise<boolean> {
  const [row] = await tx
    .update(operators)
    .set({ deactivatedAt: null })
    .where(and(eq(operators.id, operatorId), sql`${operators.deactivatedAt} is not null`))
    .returning({ id: operators.id });
  return Boolean(row);
}
