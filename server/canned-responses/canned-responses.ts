/** Canned responses of a service (issue 11): a title, a shortcut unique in the service, and a
 *  text per language. Each change is one transaction with its audit row. */
import { and, asc, eq, ne } from "drizzle-orm";
import {
  type CannedResponse,
  type CannedResponseBody,
  normalizeShortcut,
} from "../../shared/canned-responses.js";
import type { Language } from "../../shared/domain.js";
import { recordChange } from "../audit/audit.js";
import { type Database, isUniqueViolation, type Transaction } from "../db/client.js";
import { anyOf, valuesById } from "../db/columns.js";
import { invalidField, notFound } from "../errors.js";
import { cannedResponses, cannedResponseTexts } from "./schema.js";

type CannedResponseRow = typeof cannedResponses.$inferSelect;

/** The service's canned responses by shortcut; with a language, only those written in it, with
 *  that language's text alone. */
export async function listCannedResponses(
  db: Database,
  serviceId: string,
  language?: Language,
): Promise<CannedResponse[]> {
  const rows = await db
    .select()
    .from(cannedResponses)
    .where(eq(cannedResponses.serviceId, serviceId))
    .orderBy(asc(cannedResponses.shortcut));
  const texts = await textsOf(
    db,
    rows.map((row) => row.id),
    language,
  );
  return rows.flatMap((row) => {
    const written = texts.get(row.id) ?? [];
    return written.length > 0 ? [present(row, written)] : [];
  });
}

async function textsOf(db: Database, ids: string[], language?: Language) {
  const byResponse = new Map<string, CannedResponse["texts"]>();
  if (ids.length === 0) return byResponse;
  const rows = await db
    .select()
    .from(cannedResponseTexts)
    .where(
      and(
        anyOf(cannedResponseTexts.cannedResponseId, ids),
        language ? eq(cannedResponseTexts.language, language) : undefined,
      ),
    )
    .orderBy(asc(cannedResponseTexts.language));
  for (const row of rows) {
    const list = byResponse.get(row.cannedResponseId) ?? [];
    list.push({ language: row.language, text: row.text });
    byResponse.set(row.cannedResponseId, list);
  }
  return byResponse;
}

const present = (row: CannedResponseRow, texts: CannedResponse["texts"]): CannedResponse => ({
  id: row.id,
  serviceId: row.serviceId,
  title: row.title,
  shortcut: row.shortcut,
  texts,
});

/** What the audit log keeps of one. */
const audited = (response: CannedResponse) => ({
  title: response.title,
  shortcut: response.shortcut,
  texts: Object.fromEntries(response.texts.map((text) => [text.language, text.text])),
});

const shortcutInUse = () =>
  invalidField({ field: "shortcut", reason: "taken" }, "another canned response has this shortcut");

async function requireFreeShortcut(
  tx: Transaction,
  serviceId: string,
  shortcut: string,
  id?: string,
) {
  const [row] = await tx
    .select({ id: cannedResponses.id })
    .from(cannedResponses)
    .where(
      and(
        eq(cannedResponses.serviceId, serviceId),
        eq(cannedResponses.shortcut, shortcut),
        id ? ne(cannedResponses.id, id) : undefined,
      ),
    );
  if (row) throw shortcutInUse();
}

/** Runs a change; two administrators taking one shortcut at once: the constraint decides. */
function write<T>(db: Database, change: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(change).catch((error) => {
    throw isUniqueViolation(error) ? shortcutInUse() : error;
  });
}

async function storeTexts(tx: Transaction, id: string, texts: CannedResponseBody["texts"]) {
  await tx.delete(cannedResponseTexts).where(eq(cannedResponseTexts.cannedResponseId, id));
  await tx
    .insert(cannedResponseTexts)
    .values(texts.map((text) => ({ ...text, cannedResponseId: id })));
}

export function createCannedResponse(
  db: Database,
  change: { actorId: string; serviceId: string; input: CannedResponseBody },
): Promise<CannedResponse> {
  const { actorId, serviceId } = change;
  const input = normalized(change.input);
  return write(db, async (tx) => {
    await requireFreeShortcut(tx, serviceId, input.shortcut);
    const [row] = await tx
      .insert(cannedResponses)
      .values({ serviceId, title: input.title, shortcut: input.shortcut })
      .returning();
    if (!row) throw new Error("insert returned no canned response");
    await storeTexts(tx, row.id, input.texts);
    const created = present(row, sortTexts(input.texts));
    await recordChange(tx, {
      actorId,
      serviceId,
      subject: "canned_response",
      subjectId: row.id,
      action: "created",
      after: audited(created),
    });
    return created;
  });
}

/** Canned responses' titles by id, for a reader naming them (the audit log). */
export function cannedResponseTitles(db: Database, ids: string[]): Promise<Map<string, string>> {
  return valuesById(db, { id: cannedResponses.id, value: cannedResponses.title }, ids);
}

/** Locks one of the service's canned responses, or answers canned_response_not_found. */
async function lockCannedResponse(tx: Transaction, serviceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.id, id), eq(cannedResponses.serviceId, serviceId)))
    .for("update");
  if (!row) throw notFound("canned_response_not_found", "this canned response");
  return present(row, (await textsOf(tx, [id])).get(id) ?? []);
}

/** Replaces the title, the shortcut and the texts (a language left out is no longer offered). */
export function updateCannedResponse(
  db: Database,
  change: { actorId: string; serviceId: string; id: string; input: CannedResponseBody },
): Promise<CannedResponse> {
  const { actorId, serviceId, id } = change;
  const input = normalized(change.input);
  return write(db, async (tx) => {
    const before = await lockCannedResponse(tx, serviceId, id);
    await requireFreeShortcut(tx, serviceId, input.shortcut, id);
    const [row] = await tx
      .update(cannedResponses)
      .set({ title: input.title, shortcut: input.shortcut, updatedAt: new Date() })
      .where(eq(cannedResponses.id, id))
      .returning();
    if (!row) throw new Error(`canned response ${id} vanished`);
    await storeTexts(tx, id, input.texts);
    const after = present(row, sortTexts(input.texts));
    await recordChange(tx, {
      actorId,
      serviceId,
      subject: "canned_response",
      subjectId: id,
      action: "changed",
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
}

export function deleteCannedResponse(
  db: Database,
  change: { actorId: string; serviceId: string; id: string },
): Promise<void> {
  const { actorId, serviceId, id } = change;
  return write(db, async (tx) => {
    const before = await lockCannedResponse(tx, serviceId, id);
    await tx.delete(cannedResponses).where(eq(cannedResponses.id, id));
    await recordChange(tx, {
      actorId,
      serviceId,
      subject: "canned_response",
      subjectId: id,
      action: "deleted",
      before: audited(before),
    });
  });
}

/** The shortcut as it is stored and compared: "/Refund" is "/refund". */
const normalized = (input: CannedResponseBody): CannedResponseBody => ({
  ...input,
  shortcut: normalizeShortcut(input.shortcut),
});

/** Texts in the order they are listed: by language code, as textsOf reads them. */
const sortTexts = (texts: CannedResponseBody["texts"]) =>
  [...texts].sort((a, b) => a.language.localeCompare(b.language));
