import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { memberships, services } from "../db/schema.js";

export type ServiceRow = typeof services.$inferSelect;

export function presentService(row: ServiceRow) {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    chatEnabled: row.chatEnabled,
    greeting: row.greeting,
    satisfactionMessage: row.satisfactionMessage,
    preferRecentOperator: row.preferRecentOperator,
  };
}

export async function createService(
  db: Database,
  input: Pick<ServiceRow, "name"> & Partial<Omit<ServiceRow, "id" | "key" | "createdAt">>,
): Promise<ServiceRow> {
  const [row] = await db
    .insert(services)
    .values({ ...input, key: randomBytes(9).toString("base64url") })
    .returning();
  if (!row) throw new Error("insert returned no service");
  return row;
}

export async function findServiceByKey(db: Database, key: string) {
  const [row] = await db.select().from(services).where(eq(services.key, key));
  return row ?? null;
}

export async function addMember(
  db: Database,
  input: { operatorId: string; serviceId: string; chatPermission?: boolean },
): Promise<void> {
  await db.insert(memberships).values(input).onConflictDoNothing();
}

export async function listServicesOf(db: Database, operatorId: string): Promise<ServiceRow[]> {
  const rows = await db
    .select({ service: services })
    .from(memberships)
    .innerJoin(services, eq(services.id, memberships.serviceId))
    .where(eq(memberships.operatorId, operatorId))
    .orderBy(services.createdAt);
  return rows.map((row) => row.service);
}

export async function isMember(db: Database, operatorId: string, serviceId: string) {
  const count = await db.$count(
    memberships,
    and(eq(memberships.operatorId, operatorId), eq(memberships.serviceId, serviceId)),
  );
  return count > 0;
}
