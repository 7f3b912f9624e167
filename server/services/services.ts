/** Services, what they say to customers in each language, and which operators are their members.
 *  Every change by an administrator is one transaction with its audit row; the caller then tells
 *  every process (ServiceCache.changed). */
import { randomBytes } from "node:crypto";
import { and, eq, notInArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type {
  BusinessHoursBody,
  CreateServiceBody,
  Membership,
  ServiceSummary,
  ServiceTextsBody,
  UpdateServiceBody,
} from "../../shared/api.js";
import { isOpenAt, scheduleProblem } from "../../shared/business-hours.js";
import { languages as knownLanguages, type Language } from "../../shared/domain.js";
import { recordChange } from "../audit/audit.js";
import type { Database, Transaction } from "../db/client.js";
import { anyOf, valuesById } from "../db/columns.js";
import { invalidField, notFound } from "../errors.js";
import { memberships, services, serviceTexts } from "./schema.js";

export type ServiceRow = typeof services.$inferSelect;
export type ServiceTexts = Omit<typeof serviceTexts.$inferSelect, "serviceId">;
/** A service with its texts in every language it speaks: what the cache keeps. */
export type ServiceWithTexts = ServiceRow & { texts: ServiceTexts[] };

export function presentService(service: ServiceWithTexts, origin: string): ServiceSummary {
  return {
    id: service.id,
    key: service.key,
    name: service.name,
    chatEnabled: service.chatEnabled,
    archived: service.archivedAt !== null,
    languages: service.texts.map((text) => text.language),
    defaultLanguage: service.defaultLanguage,
    timeZone: service.timeZone,
    helpCenterUrl: `${origin}/h/${service.key}/`,
    preferRecentOperator: service.preferRecentOperator,
    chatLimit: service.chatLimit,
    reassignmentGraceSeconds: service.reassignmentGraceMs / 1000,
    customerIdleMinutes: service.customerIdleMs / 60_000,
    maxQueueLength: service.maxQueueLength,
    queueTimeoutMinutes: service.queueTimeoutMs / 60_000,
    askName: service.askName,
    askEmail: service.askEmail,
    businessHours: service.businessHours,
    openNow: isOpenNow(service),
    texts: service.texts,
  };
}

/** The settings as the audit log keeps them: in the words and units of the API. */
function auditedSettings(service: ServiceWithTexts) {
  const {
    id: _,
    key: __,
    helpCenterUrl: ___,
    openNow: ____,
    texts,
    ...settings
  } = presentService(service, "");
  return {
    ...settings,
    ...Object.fromEntries(
      texts.flatMap((text) =>
        (
          [
            "greeting",
            "satisfactionMessage",
            "consentText",
            "privacyPolicyUrl",
            "outsideHoursMessage",
          ] as const
        ).map((field) => [`${field}.${text.language}`, text[field]]),
      ),
    ),
  };
}

const emptyTexts = {
  greeting: "",
  satisfactionMessage: "",
  consentText: "",
  privacyPolicyUrl: null,
  outsideHoursMessage: "",
};

export async function createService(
  db: Database,
  input: Pick<ServiceRow, "name"> &
    Partial<Omit<ServiceRow, "id" | "key" | "createdAt">> & {
      texts?: ReadonlyArray<Partial<ServiceTexts> & { language: Language }>;
      /** The administrator creating it; null for the server itself (first start, tests). */
      actorId?: string | null;
    },
): Promise<ServiceRow> {
  const { texts = [], actorId = null, ...values } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(services)
      .values({ ...values, key: randomBytes(9).toString("base64url") })
      .returning();
    if (!row) throw new Error("insert returned no service");
    if (texts.length > 0) {
      await tx.insert(serviceTexts).values(texts.map((text) => ({ ...text, serviceId: row.id })));
    }
    await recordServiceChange(tx, actorId, row.id, null, "created");
    return row;
  });
}

/** An administrator creates a service: off until they turn chat on, speaking the languages given. */
export function createServiceBy(db: Database, actorId: string, input: CreateServiceBody) {
  requireDefaultAmong(input.languages, input.defaultLanguage);
  return createService(db, {
    actorId,
    name: input.name,
    defaultLanguage: input.defaultLanguage,
    timeZone: input.timeZone,
    texts: input.languages.map((language) => ({ language })),
  });
}

function requireDefaultAmong(languages: readonly Language[], defaultLanguage: Language) {
  if (!languages.includes(defaultLanguage)) {
    throw invalidField(
      { field: "defaultLanguage", reason: "invalid_choice" },
      "the default language must be one of the service's languages",
    );
  }
}

/** The service with its texts, or null. */
export async function loadService(
  db: Database | Transaction,
  serviceId: string,
): Promise<ServiceWithTexts | null> {
  const [row] = await db.select().from(services).where(eq(services.id, serviceId));
  return row ? { ...row, texts: await textsOf(db, row.id) } : null;
}

/** Whether the service offers chat at this moment, read from the database inside the chat's
 *  transaction: a chat is never started on a process's cached copy from before chat went off or
 *  its hours changed. */
export async function chatOffered(
  tx: Transaction,
  serviceId: string,
): Promise<"offered" | "disabled" | "archived" | "closed"> {
  const [row] = await tx
    .select({
      chatEnabled: services.chatEnabled,
      archivedAt: services.archivedAt,
      businessHours: services.businessHours,
      timeZone: services.timeZone,
    })
    .from(services)
    .where(eq(services.id, serviceId));
  if (!row || row.archivedAt) return "archived";
  if (!row.chatEnabled) return "disabled";
  return isOpenNow(row) ? "offered" : "closed";
}

/** Open now by the service's business hours, on its time zone's clock. */
export const isOpenNow = (service: Pick<ServiceRow, "businessHours" | "timeZone">) =>
  isOpenAt(service.businessHours, service.timeZone, new Date());

/** Sets the service's business hours and the message shown outside them (per language given,
 *  each one the service speaks), with one audit row. */
export async function setBusinessHours(
  db: Database,
  actorId: string,
  serviceId: string,
  input: BusinessHoursBody,
): Promise<void> {
  const { outsideHoursMessages, ...hours } = input;
  const problem = scheduleProblem(hours);
  if (problem) {
    throw invalidField(
      problem,
      problem.reason === "overlapping"
        ? "the interval overlaps another of its day"
        : problem.reason === "end_before_start"
          ? "the interval must end after it starts"
          : "no such date",
    );
  }
  await db.transaction(async (tx) => {
    const before = await lockService(tx, serviceId);
    const closedDates = [...new Set(hours.closedDates)].sort();
    await tx
      .update(services)
      .set({ businessHours: { ...hours, closedDates } })
      .where(eq(services.id, serviceId));
    for (const language of knownLanguages) {
      const message = outsideHoursMessages[language];
      if (message === undefined) continue;
      if (!before.texts.some((existing) => existing.language === language)) {
        throw invalidField(
          { field: `outsideHoursMessages.${language}`, reason: "invalid_choice" },
          "the service does not speak this language",
        );
      }
      await tx
        .update(serviceTexts)
        .set({ outsideHoursMessage: message })
        .where(and(eq(serviceTexts.serviceId, serviceId), eq(serviceTexts.language, language)));
    }
    await recordServiceChange(tx, actorId, serviceId, before, "changed");
  });
}

export async function findServiceIdByKey(db: Database, key: string): Promise<string | null> {
  const [row] = await db.select({ id: services.id }).from(services).where(eq(services.key, key));
  return row?.id ?? null;
}

/** Changes the service's settings (those given), with one audit row of what changed. */
export async function updateService(
  db: Database,
  actorId: string,
  serviceId: string,
  patch: UpdateServiceBody,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockService(tx, serviceId);
    const languages = patch.languages ?? before.texts.map((text) => text.language);
    requireDefaultAmong(languages, patch.defaultLanguage ?? before.defaultLanguage);
    const {
      languages: _,
      reassignmentGraceSeconds,
      customerIdleMinutes,
      queueTimeoutMinutes,
      ...columns
    } = patch;
    const values = {
      ...columns,
      ...(reassignmentGraceSeconds !== undefined && {
        reassignmentGraceMs: reassignmentGraceSeconds * 1000,
      }),
      ...(customerIdleMinutes !== undefined && { customerIdleMs: customerIdleMinutes * 60_000 }),
      ...(queueTimeoutMinutes !== undefined && { queueTimeoutMs: queueTimeoutMinutes * 60_000 }),
    };
    if (Object.keys(values).length > 0) {
      await tx.update(services).set(values).where(eq(services.id, serviceId));
    }
    // A language added starts without texts (its customers get the default's meanwhile); one
    // removed takes its texts with it.
    await tx
      .delete(serviceTexts)
      .where(
        and(eq(serviceTexts.serviceId, serviceId), notInArray(serviceTexts.language, languages)),
      );
    await tx
      .insert(serviceTexts)
      .values(languages.map((language) => ({ serviceId, language, ...emptyTexts })))
      .onConflictDoNothing();
    await recordServiceChange(tx, actorId, serviceId, before, "changed");
  });
}

/** Sets the texts of the languages given; each must be one the service speaks. */
export async function updateServiceTexts(
  db: Database,
  actorId: string,
  serviceId: string,
  texts: ServiceTextsBody["texts"],
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockService(tx, serviceId);
    for (const language of knownLanguages) {
      const text = texts[language];
      if (!text) continue;
      if (!before.texts.some((existing) => existing.language === language)) {
        throw invalidField(
          { field: `texts.${language}`, reason: "invalid_choice" },
          "the service does not speak this language: add it to the service's languages first",
        );
      }
      await tx
        .update(serviceTexts)
        .set(text)
        .where(and(eq(serviceTexts.serviceId, serviceId), eq(serviceTexts.language, language)));
    }
    await recordServiceChange(tx, actorId, serviceId, before, "changed");
  });
}

/** An archived service offers no chat and leaves the choices; its chats and history stay. */
export async function setServiceArchived(
  db: Database,
  actorId: string,
  serviceId: string,
  archived: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockService(tx, serviceId);
    if ((before.archivedAt !== null) === archived) return;
    await tx
      .update(services)
      .set({ archivedAt: archived ? new Date() : null })
      .where(eq(services.id, serviceId));
    await recordServiceChange(tx, actorId, serviceId, before, archived ? "archived" : "restored");
  });
}

/** Locks the service's row for the change: two administrators saving at once take turns, and
 *  each audit row's "before" is what the change really replaced. */
async function lockService(tx: Transaction, serviceId: string): Promise<ServiceWithTexts> {
  const [row] = await tx.select().from(services).where(eq(services.id, serviceId)).for("update");
  if (!row) throw notFound("service_not_found", "this service");
  return { ...row, texts: await textsOf(tx, serviceId) };
}

/** The audit row of a change to the service, inside its transaction: the settings it replaced
 *  (none for a new service) and those it made. */
async function recordServiceChange(
  tx: Transaction,
  actorId: string | null,
  serviceId: string,
  before: ServiceWithTexts | null,
  action: string,
): Promise<void> {
  const after = await loadService(tx, serviceId);
  await recordChange(tx, {
    actorId,
    serviceId,
    subject: "service",
    subjectId: serviceId,
    action,
    before: before && auditedSettings(before),
    after: after && auditedSettings(after),
  });
}

/** The service's texts in the customer's language, each one that is blank there taken from the
 *  default language; empty when the service has neither (nothing is sent). */
export function textsFor(service: ServiceWithTexts, language: Language): ServiceTexts {
  const own = service.texts.find((text) => text.language === language);
  const fallback = service.texts.find((text) => text.language === service.defaultLanguage);
  const pick = <K extends keyof typeof emptyTexts>(field: K) =>
    own?.[field] || fallback?.[field] || emptyTexts[field];
  return {
    language: own ? language : service.defaultLanguage,
    greeting: pick("greeting"),
    satisfactionMessage: pick("satisfactionMessage"),
    consentText: pick("consentText"),
    outsideHoursMessage: pick("outsideHoursMessage"),
    privacyPolicyUrl: own?.privacyPolicyUrl ?? fallback?.privacyPolicyUrl ?? null,
  };
}

async function textsOf(db: Database | Transaction, serviceId: string): Promise<ServiceTexts[]> {
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

/** Whether the operator belongs to the service (with chat permission or not). */
export async function isMemberOf(db: Database, operatorId: string, serviceId: string) {
  const [row] = await db
    .select({ serviceId: memberships.serviceId })
    .from(memberships)
    .where(and(eq(memberships.operatorId, operatorId), eq(memberships.serviceId, serviceId)));
  return Boolean(row);
}

/** The services each of the operators belongs to, by operator id. */
export async function membershipsOf(
  db: Database,
  operatorIds: string[],
): Promise<Map<string, Membership[]>> {
  const byOperator = new Map<string, Membership[]>();
  if (operatorIds.length === 0) return byOperator;
  const rows = await db
    .select()
    .from(memberships)
    .innerJoin(services, eq(services.id, memberships.serviceId))
    .where(anyOf(memberships.operatorId, operatorIds))
    .orderBy(services.createdAt);
  for (const { memberships: row } of rows) {
    const list = byOperator.get(row.operatorId) ?? [];
    list.push({ serviceId: row.serviceId, chatPermission: row.chatPermission });
    byOperator.set(row.operatorId, list);
  }
  return byOperator;
}

/**
 * Makes the operator a member of exactly these services, each with its chat permission, and
 * audits each membership that came, went or changed. Returns the services where the operator
 * may no longer chat (left, or lost the permission): their chats there go to someone else.
 */
export async function setMemberships(
  tx: Transaction,
  change: { actorId: string; operatorId: string; memberships: Membership[] },
): Promise<string[]> {
  const { actorId, operatorId } = change;
  const known = new Set(
    (await tx.select({ id: services.id }).from(services)).map((service) => service.id),
  );
  const unknown = change.memberships.findIndex((wanted) => !known.has(wanted.serviceId));
  if (unknown >= 0) {
    throw invalidField(
      { field: `memberships.${unknown}.serviceId`, reason: "invalid_choice" },
      "no such service",
    );
  }
  const before = new Map(
    (await membershipsOf(tx, [operatorId])).get(operatorId)?.map((row) => [row.serviceId, row]),
  );
  const after = new Map(change.memberships.map((row) => [row.serviceId, row]));
  await tx.delete(memberships).where(eq(memberships.operatorId, operatorId));
  if (after.size > 0) {
    await tx.insert(memberships).values([...after.values()].map((row) => ({ ...row, operatorId })));
  }
  const lostChat: string[] = [];
  for (const serviceId of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(serviceId) ?? null;
    const is = after.get(serviceId) ?? null;
    if (was?.chatPermission && !is?.chatPermission) lostChat.push(serviceId);
    await recordChange(tx, {
      actorId,
      serviceId,
      subject: "membership",
      subjectId: operatorId,
      action: !was ? "added" : !is ? "removed" : "changed",
      before: was && { chatPermission: was.chatPermission },
      after: is && { chatPermission: is.chatPermission },
    });
  }
  return lostChat;
}

/** The services an operator serves (members), or, for an administrator, every service. */
export async function listServicesFor(
  db: Database,
  operator: { id: string; role: string },
): Promise<string[]> {
  const rows =
    operator.role === "administrator"
      ? await db.select({ id: services.id }).from(services).orderBy(services.createdAt)
      : await db
          .select({ id: services.id })
          .from(memberships)
          .innerJoin(services, eq(services.id, memberships.serviceId))
          .where(eq(memberships.operatorId, operator.id))
          .orderBy(services.createdAt);
  return rows.map((row) => row.id);
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

/** SQL: the reassignment grace period, in milliseconds, of the service whose id the column holds
 *  (for a statement over chats of several services). */
export const reassignmentGraceOf = (serviceId: SQLWrapper): SQL<number> =>
  sql<number>`(select ${services.reassignmentGraceMs} from ${services} where ${services.id} = ${serviceId})`;

/** SQL: the queue timeout, in milliseconds, of the service whose id the column holds. */
export const queueTimeoutOf = (serviceId: SQLWrapper): SQL<number> =>
  sql<number>`(select ${services.queueTimeoutMs} from ${services} where ${services.id} = ${serviceId})`;

/** SQL: the idle-customer timeout, in milliseconds, of the service whose id the column holds. */
export const customerIdleOf = (serviceId: SQLWrapper): SQL<number> =>
  sql<number>`(select ${services.customerIdleMs} from ${services} where ${services.id} = ${serviceId})`;

/** Service names by id, for presenting chats of several services. */
export function serviceNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  return valuesById(db, { id: services.id, value: services.name }, ids);
}

/** Service time zones by id, for writing chats of several services' times (an export). */
export async function serviceTimeZones(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: services.id, timeZone: services.timeZone })
    .from(services)
    .where(anyOf(services.id, ids));
  return new Map(rows.map((row) => [row.id, row.timeZone]));
}

/** SQL: the time zone of the service whose id the column holds: a period of days is counted in
 *  it (chat history), whichever service the chat is of. */
export const timeZoneOf = (serviceId: SQLWrapper): SQL<string> =>
  sql<string>`(select ${services.timeZone} from ${services} where ${services.id} = ${serviceId})`;

/** The operators who are members of any of the services. */
export async function memberIdsOf(db: Database, serviceIds: string[]): Promise<string[]> {
  if (serviceIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ operatorId: memberships.operatorId })
    .from(memberships)
    .where(anyOf(memberships.serviceId, serviceIds));
  return rows.map((row) => row.operatorId);
}
