/** Services, what they say to customers in each language, and which operators are their members. */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { ServiceSummary } from "../../shared/api.js";
import type { Language } from "../../shared/domain.js";
import type { Database } from "../db/client.js";
import { memberships, services, serviceTexts } from "./schema.js";

export type ServiceRow = typeof services.$inferSelect;
export type ServiceTexts = Omit<typeof serviceTexts.$inferSelect, "serviceId">;

export function presentService(row: ServiceRow, texts: ServiceTexts[]): ServiceSummary {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    chatEnabled: row.chatEnabled,
    defaultLanguage: row.defaultLanguage,
    timeZone: row.timeZone,
    preferRecentOperator: row.preferRecentOperator,
    texts,
  };
}

export async function createService(
  db: Database,
  input: Pick<ServiceRow, "name"> &
    Partial<Omit<ServiceRow, "id" | "key" | "createdAt">> & {
      texts?: ReadonlyArray<Partial<ServiceTexts> & { language: Language }>;
    },
): Promise<ServiceRow> {
  const { texts = [], ...values } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(services)
      .values({ ...values, key: randomBytes(9).toString("base64url") })
      .returning();
    if (!row) throw new Error("insert returned no service");
    if (texts.length > 0) {
      await tx.insert(serviceTexts).values(texts.map((text) => ({ ...text, serviceId: row.id })));
    }
    return row;
  });
}

export async function findServiceByKey(db: Database, key: string) {
  const [row] = await db.select().from(services).where(eq(services.key, key));
  return row ?? null;
}

export async function findServiceById(db: Database, id: string) {
  const [row] = await db.select().from(services).where(eq(services.id, id));
  return row ?? null;
}

/** The service's texts in the customer's language, else in its default language; empty texts
 *  when it has neither (nothing is sent). */
export async function textsFor(
  db: Database,
  service: ServiceRow,
  language: Language,
): Promise<ServiceTexts> {
  const rows = await db
    .select()
    .from(serviceTexts)
    .where(
      and(
        eq(serviceTexts.serviceId, service.id),
        sql`${serviceTexts.language} in (${language}, ${service.defaultLanguage})`,
      ),
    );
  const text =
    rows.find((row) => row.language === language) ??
    rows.find((row) => row.language === service.defaultLanguage);
  return {
    language: text?.language ?? service.defaultLanguage,
    greeting: text?.greeting ?? "",
    satisfactionMessage: text?.satisfactionMessage ?? "",
    consentText: text?.consentText ?? "",
    privacyPolicyUrl: text?.privacyPolicyUrl ?? null,
  };
}

export async function textsOf(db: Database, serviceId: string): Promise<ServiceTexts[]> {
  const rows = await db
    .select()
    .from(serviceTexts)
    .where(eq(serviceTexts.serviceId, serviceId))
    .orderBy(serviceTexts.language);
  return rows.map(({ serviceId: _, ...text }) => text);
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

/** The service, when the operator is one of its members (an administrator manages only those). */
export async function findServiceOf(db: Database, operatorId: string, serviceId: string) {
  const [row] = await db
    .select({ service: services })
    .from(memberships)
    .innerJoin(services, eq(services.id, memberships.serviceId))
    .where(and(eq(memberships.operatorId, operatorId), eq(memberships.serviceId, serviceId)));
  return row?.service ?? null;
}

/** SQL, in a query over `operators`: that operator is a member of the service with chat
 *  permission (names qualified by hand, as in Presence.connected). */
export function chatMemberOf(serviceId: string): SQL<boolean> {
  return sql<boolean>`exists (
    select 1 from ${memberships} member
    where member.operator_id = "operators"."id" and member.service_id = ${serviceId}
      and member.chat_permission
  )`;
}

/** Service names by id, for presenting chats of several services. */
export async function serviceNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(inArray(services.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}
