/** A service's help center as administrators manage it (issue 14): the introduction and the FAQ
 *  entries, by language. Each change is one transaction with its audit row, under a lock on the
 *  service's help center, so that positions never have gaps or ties, whatever the processes. */
import { and, asc, eq, sql } from "drizzle-orm";
import { type Language, languages } from "../../shared/domain.js";
import type {
  FaqEntry,
  FaqEntryBody,
  FaqTexts,
  HelpCenter,
  Introduction,
} from "../../shared/help-center.js";
import { recordChange } from "../audit/audit.js";
import type { Database, Transaction } from "../db/client.js";
import { valuesById } from "../db/columns.js";
import { invalidField, notFound } from "../errors.js";
import type { ServiceWithTexts } from "../services/services.js";
import { refusedLinks } from "./markdown.js";
import { faqEntries, helpCenters } from "./schema.js";

type FaqEntryRow = typeof faqEntries.$inferSelect;
/** What the help center needs to know of its service: the languages it speaks. */
type Service = Pick<ServiceWithTexts, "id" | "defaultLanguage" | "texts">;

/** Another number than the category tree's (7316011), so the two locks never meet. */
const HELP_CENTER_LOCK = 7316014;

export async function introductionOf(db: Database, serviceId: string): Promise<Introduction> {
  const [row] = await db
    .select({ introduction: helpCenters.introduction })
    .from(helpCenters)
    .where(eq(helpCenters.serviceId, serviceId));
  return row?.introduction ?? {};
}

/** The service's entries in order, published or not. */
export async function faqEntriesOf(db: Database, serviceId: string): Promise<FaqEntry[]> {
  const rows = await db
    .select()
    .from(faqEntries)
    .where(eq(faqEntries.serviceId, serviceId))
    .orderBy(asc(faqEntries.position));
  return rows.map(present);
}

export async function helpCenterOf(db: Database, serviceId: string): Promise<HelpCenter> {
  return {
    introduction: await introductionOf(db, serviceId),
    faqEntries: await faqEntriesOf(db, serviceId),
  };
}

const present = (row: FaqEntryRow): FaqEntry => ({
  id: row.id,
  position: row.position,
  published: row.published,
  texts: row.texts,
});

/** An entry as the audit log keeps it: one field per language's title and answer. */
const audited = (entry: FaqEntry) => ({
  published: entry.published,
  position: entry.position,
  ...Object.fromEntries(
    languages.flatMap((language) => {
      const text = entry.texts[language];
      return text
        ? [
            [`title.${language}`, text.title],
            [`answer.${language}`, text.answer],
          ]
        : [];
    }),
  ),
});

/** Runs a change of the service's help center in one transaction, the only one at a time. */
function change<T>(db: Database, serviceId: string, work: (tx: Transaction) => Promise<T>) {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(${HELP_CENTER_LOCK}, hashtext(${serviceId}))`,
    );
    return work(tx);
  });
}

/** A language the service does not speak is refused, naming it. */
function requireSpoken(service: Service, field: string, written: string[]) {
  const spoken = service.texts.map((text) => text.language as string);
  const stranger = written.find((language) => !spoken.includes(language));
  if (stranger) {
    throw invalidField(
      { field: `${field}.${stranger}`, reason: "invalid_choice" },
      "the service does not speak this language",
    );
  }
}

function requireSafeLinks(field: string, markdown: string) {
  const [refused] = refusedLinks(markdown);
  if (refused !== undefined) {
    throw invalidField(
      { field, reason: "unsafe_link" },
      `links may go only to http, https or mailto addresses, not to "${refused}"`,
    );
  }
}

/** The texts as stored: languages left blank dropped; each kept one has a title and an answer;
 *  the service's default language has them. */
function checkedTexts(service: Service, texts: FaqTexts): FaqTexts {
  requireSpoken(service, "texts", Object.keys(texts));
  const kept: FaqTexts = {};
  for (const language of languages) {
    const text = texts[language];
    if (!text || (text.title === "" && text.answer === "")) continue;
    for (const part of ["title", "answer"] as const) {
      if (text[part] === "") {
        throw invalidField(
          { field: `texts.${language}.${part}`, reason: "required" },
          "a question needs its title and its answer",
        );
      }
    }
    requireSafeLinks(`texts.${language}.answer`, text.answer);
    kept[language] = text;
  }
  if (!kept[service.defaultLanguage]) {
    throw invalidField(
      { field: `texts.${service.defaultLanguage}.title`, reason: "required" },
      "a question needs its text in the service's default language",
    );
  }
  return kept;
}

export function setIntroduction(
  db: Database,
  update: { actorId: string; service: Service; introduction: Introduction },
): Promise<Introduction> {
  const { actorId, service } = update;
  requireSpoken(service, "introduction", Object.keys(update.introduction));
  const introduction: Introduction = {};
  for (const language of languages) {
    const text = update.introduction[language];
    if (!text) continue;
    requireSafeLinks(`introduction.${language}`, text);
    introduction[language] = text;
  }
  return change(db, service.id, async (tx) => {
    const [before] = await tx
      .select({ introduction: helpCenters.introduction })
      .from(helpCenters)
      .where(eq(helpCenters.serviceId, service.id));
    await tx
      .insert(helpCenters)
      .values({ serviceId: service.id, introduction })
      .onConflictDoUpdate({
        target: helpCenters.serviceId,
        set: { introduction, updatedAt: new Date() },
      });
    await recordChange(tx, {
      actorId,
      serviceId: service.id,
      subject: "help_center",
      subjectId: service.id,
      action: "changed",
      before: byField("introduction", before?.introduction ?? {}),
      after: byField("introduction", introduction),
    });
    return introduction;
  });
}

const byField = (field: string, texts: Partial<Record<Language, string>>) =>
  Object.fromEntries(languages.map((language) => [`${field}.${language}`, texts[language] ?? ""]));

/** FAQ entries' questions by id, in each language the entry has, for a reader naming them (the
 *  audit log). */
export async function faqQuestions(
  db: Database,
  ids: string[],
): Promise<Map<string, Partial<Record<Language, string>>>> {
  const texts = await valuesById<FaqTexts>(db, { id: faqEntries.id, value: faqEntries.texts }, ids);
  return new Map(
    [...texts].map(([id, byLanguage]) => [
      id,
      Object.fromEntries(
        languages.flatMap((language) => {
          const title = byLanguage[language]?.title;
          return title ? [[language, title]] : [];
        }),
      ),
    ]),
  );
}

/** A new entry goes last. */
export function createFaqEntry(
  db: Database,
  creation: { actorId: string; service: Service; input: FaqEntryBody },
): Promise<FaqEntry> {
  const { actorId, service, input } = creation;
  const texts = checkedTexts(service, input.texts);
  return change(db, service.id, async (tx) => {
    const [count] = await tx
      .select({ entries: sql<number>`count(*)::int` })
      .from(faqEntries)
      .where(eq(faqEntries.serviceId, service.id));
    const [row] = await tx
      .insert(faqEntries)
      .values({
        serviceId: service.id,
        texts,
        published: input.published,
        position: count?.entries ?? 0,
      })
      .returning();
    if (!row) throw new Error("insert returned no FAQ entry");
    const created = present(row);
    await record(tx, actorId, service, created, "created", null, audited(created));
    return created;
  });
}

async function findEntry(tx: Transaction, serviceId: string, id: string): Promise<FaqEntry> {
  const [row] = await tx
    .select()
    .from(faqEntries)
    .where(and(eq(faqEntries.id, id), eq(faqEntries.serviceId, serviceId)));
  if (!row) throw notFound("faq_entry_not_found", "this FAQ entry");
  return present(row);
}

/** Replaces the texts (a language left out is no longer shown in it) and the published switch. */
export function updateFaqEntry(
  db: Database,
  update: { actorId: string; service: Service; id: string; input: FaqEntryBody },
): Promise<FaqEntry> {
  const { actorId, service, id, input } = update;
  const texts = checkedTexts(service, input.texts);
  return change(db, service.id, async (tx) => {
    const before = await findEntry(tx, service.id, id);
    const [row] = await tx
      .update(faqEntries)
      .set({ texts, published: input.published, updatedAt: new Date() })
      .where(eq(faqEntries.id, id))
      .returning();
    if (!row) throw new Error(`FAQ entry ${id} vanished`);
    const after = present(row);
    await record(tx, actorId, service, after, "changed", audited(before), audited(after));
    return after;
  });
}

/** Moves the entry to a position (past the end: last); the others close up around it. */
export function moveFaqEntry(
  db: Database,
  move: { actorId: string; service: Service; id: string; position: number },
): Promise<FaqEntry> {
  const { actorId, service, id } = move;
  return change(db, service.id, async (tx) => {
    const before = await findEntry(tx, service.id, id);
    const others = (await entryIds(tx, service.id)).filter((other) => other !== id);
    const position = Math.min(move.position, others.length);
    await renumber(tx, [...others.slice(0, position), id, ...others.slice(position)]);
    const after = { ...before, position };
    await record(tx, actorId, service, after, "changed", audited(before), audited(after));
    return after;
  });
}

export function deleteFaqEntry(
  db: Database,
  removal: { actorId: string; service: Service; id: string },
): Promise<void> {
  const { actorId, service, id } = removal;
  return change(db, service.id, async (tx) => {
    const before = await findEntry(tx, service.id, id);
    await tx.delete(faqEntries).where(eq(faqEntries.id, id));
    await renumber(tx, await entryIds(tx, service.id));
    await record(tx, actorId, service, before, "deleted", audited(before), null);
  });
}

async function entryIds(tx: Transaction, serviceId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: faqEntries.id })
    .from(faqEntries)
    .where(eq(faqEntries.serviceId, serviceId))
    .orderBy(asc(faqEntries.position), asc(faqEntries.createdAt));
  return rows.map((row) => row.id);
}

/** Positions 0, 1, 2… in the given order, in one statement. */
async function renumber(tx: Transaction, ids: string[]) {
  if (ids.length === 0) return;
  await tx.execute(sql`
    update ${faqEntries} set position = ordered.position - 1
    from unnest(array[${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}]) with ordinality as ordered(id, position)
    where ${faqEntries.id} = ordered.id`);
}

function record(
  tx: Transaction,
  actorId: string,
  service: Service,
  entry: FaqEntry,
  action: "created" | "changed" | "deleted",
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  return recordChange(tx, {
    actorId,
    serviceId: service.id,
    subject: "faq_entry",
    subjectId: entry.id,
    action,
    before,
    after,
  });
}
