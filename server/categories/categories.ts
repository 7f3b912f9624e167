/** A service's processing types (PRODUCT.md, "category management"): the tree that chats and
 *  tickets are classified by, and the administrators' changes to it. */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { ProcessingType, ProcessingTypeNames } from "../../shared/categories.js";
import { type Language, languages } from "../../shared/domain.js";
import { MAX_PROCESSING_TYPE_DEPTH } from "../../shared/limits.js";
import { recordChange } from "../audit/audit.js";
import {
  type Database,
  databaseRefusal,
  isForeignKeyViolation,
  isUniqueViolation,
  type Transaction,
} from "../db/client.js";
import { anyOf, valuesById } from "../db/columns.js";
import { AppError, invalidField, notFound } from "../errors.js";
import type { ServiceRow } from "../services/services.js";
import { processingTypes } from "./schema.js";

export type ProcessingTypeRow = typeof processingTypes.$inferSelect;
type Service = Pick<ServiceRow, "id" | "defaultLanguage">;

/** Taken with the service's id: every change to one service's tree waits for the one before, so
 *  that renumbered positions and the depth rule are decided on the tree as it is. */
const TREE_LOCK = 7_316_011;

export function presentProcessingType(row: ProcessingTypeRow): ProcessingType {
  return {
    id: row.id,
    parentId: row.parentId,
    depth: row.depth,
    position: row.position,
    names: row.names,
    retired: row.retiredAt !== null,
  };
}

/** The whole tree, parents before their children, siblings in order. */
/** The processing types a customer may choose on the inquiry form, in tree order, each named
 *  by its path ("Orders › Late delivery") in their language (else the service's default): the
 *  retired ones and those under a retired one left out. */
export async function offeredTypeChoices(
  db: Database,
  service: { id: string; defaultLanguage: Language },
  language: Language,
): Promise<Array<{ id: string; label: string }>> {
  const labels = new Map<string, string>();
  const name = (names: Partial<Record<Language, string>>) =>
    names[language] ?? names[service.defaultLanguage] ?? Object.values(names)[0] ?? "";
  return (await listProcessingTypes(db, service.id)).flatMap((row) => {
    const parent = row.parentId ? labels.get(row.parentId) : undefined;
    if (row.retiredAt || (row.parentId && parent === undefined)) return [];
    const label = parent ? `${parent} › ${name(row.names)}` : name(row.names);
    labels.set(row.id, label);
    return [{ id: row.id, label }];
  });
}

/** Types' names by id, for a reader naming the types others refer to (the audit log). */
export function processingTypeNames(
  db: Database,
  ids: string[],
): Promise<Map<string, ProcessingTypeNames>> {
  return valuesById(db, { id: processingTypes.id, value: processingTypes.names }, ids);
}

export async function listProcessingTypes(
  db: Database | Transaction,
  serviceId: string,
): Promise<ProcessingTypeRow[]> {
  const rows = await db
    .select()
    .from(processingTypes)
    .where(eq(processingTypes.serviceId, serviceId))
    .orderBy(processingTypes.position, processingTypes.createdAt, processingTypes.id);
  const children = new Map<string | null, ProcessingTypeRow[]>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const ordered: ProcessingTypeRow[] = [];
  const visit = (parentId: string | null) => {
    for (const row of children.get(parentId) ?? []) {
      ordered.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return ordered;
}

/** Each type with its ancestors, top level first: the path a list shows. */
export async function processingTypePaths(
  db: Database,
  ids: string[],
): Promise<Map<string, ProcessingTypeRow[]>> {
  const paths = new Map<string, ProcessingTypeRow[]>();
  const known = new Map<string, ProcessingTypeRow>();
  let wanted = [...new Set(ids)];
  // One query per level, up to the top: three at most.
  while (wanted.length > 0) {
    const rows = await db.select().from(processingTypes).where(anyOf(processingTypes.id, wanted));
    for (const row of rows) known.set(row.id, row);
    wanted = [...new Set(rows.flatMap((row) => row.parentId ?? []))].filter((id) => !known.has(id));
  }
  for (const id of ids) {
    const path: ProcessingTypeRow[] = [];
    for (let row = known.get(id); row; row = row.parentId ? known.get(row.parentId) : undefined) {
      path.unshift(row);
    }
    paths.set(id, path);
  }
  return paths;
}

/** Adds a type at the end of its siblings. */
export function createProcessingType(
  db: Database,
  service: Service,
  input: { parentId?: string | null; names: ProcessingTypeNames },
  actorId: string | null,
): Promise<ProcessingTypeRow> {
  const names = checkedNames(service, input.names);
  const parentId = input.parentId ?? null;
  return changeTree(db, service.id, async (tx) => {
    const parent = parentId ? await findIn(tx, service.id, parentId, "parentId") : null;
    checkDepth((parent?.depth ?? 0) + 1);
    const [row] = await tx
      .insert(processingTypes)
      .values({
        serviceId: service.id,
        parentId,
        depth: (parent?.depth ?? 0) + 1,
        names,
        position: (await siblingIds(tx, service.id, parentId)).length,
      })
      .returning();
    if (!row) throw new Error("insert returned no processing type");
    await record(tx, actorId, row, "created", null, { parentId, names });
    return row;
  });
}

export function renameProcessingType(
  db: Database,
  service: Service,
  id: string,
  input: { names: ProcessingTypeNames },
  actorId: string | null,
): Promise<ProcessingTypeRow> {
  const names = checkedNames(service, input.names);
  return changeTree(db, service.id, async (tx) => {
    const before = await findIn(tx, service.id, id);
    const [row] = await tx
      .update(processingTypes)
      .set({ names })
      .where(eq(processingTypes.id, id))
      .returning();
    if (!row) throw new Error("update returned no processing type");
    await record(tx, actorId, row, "changed", { names: before.names }, { names });
    return row;
  });
}

/** Puts a type under a parent (null: the top level) at an index among its new siblings; its
 *  children go with it, and both sets of siblings are renumbered. */
export function moveProcessingType(
  db: Database,
  service: Service,
  id: string,
  to: { parentId: string | null; index: number },
  actorId: string | null,
): Promise<ProcessingTypeRow> {
  return changeTree(db, service.id, async (tx) => {
    const before = await findIn(tx, service.id, id);
    const parent = to.parentId ? await findIn(tx, service.id, to.parentId, "parentId") : null;
    const subtree = await subtreeOf(tx, id);
    if (parent && subtree.some((row) => row.id === parent.id)) {
      throw invalidField(
        { field: "parentId", reason: "invalid" },
        "a type cannot go under itself or one of its own children",
      );
    }
    const shift = (parent?.depth ?? 0) + 1 - before.depth;
    checkDepth(Math.max(...subtree.map((row) => row.depth)) + shift);
    if (shift !== 0 || before.parentId !== to.parentId) {
      // One statement, so that the parent links (which name the depth) hold at its end.
      await tx.execute(sql`
        update ${processingTypes}
        set depth = depth + ${shift},
            parent_id = case when id = ${id} then ${to.parentId}::uuid else parent_id end
        where id in (${sql.join(
          subtree.map((row) => sql`${row.id}::uuid`),
          sql`, `,
        )})`);
    }
    const siblings = (await siblingIds(tx, service.id, to.parentId)).filter(
      (other) => other !== id,
    );
    siblings.splice(Math.min(to.index, siblings.length), 0, id);
    await renumber(tx, siblings);
    if (before.parentId !== to.parentId) {
      await renumber(tx, await siblingIds(tx, service.id, before.parentId));
    }
    const row = await findIn(tx, service.id, id);
    if (row.parentId === before.parentId && row.position === before.position) return row;
    await record(
      tx,
      actorId,
      row,
      "moved",
      { parentId: before.parentId, position: before.position },
      { parentId: row.parentId, position: row.position },
    );
    return row;
  });
}

/**
 * Retires a type and, with it, the types under it that are still in use: none is offered any
 * more. Restoring it brings back the types retired with it (the same moment); a type under a
 * retired one is not offered either way, so it comes back only with its parent.
 */
export function setProcessingTypeRetired(
  db: Database,
  service: Service,
  id: string,
  retired: boolean,
  actorId: string | null,
): Promise<ProcessingTypeRow> {
  return changeTree(db, service.id, async (tx) => {
    const before = await findIn(tx, service.id, id);
    if ((before.retiredAt !== null) === retired) return before;
    const parent = before.parentId ? await findIn(tx, service.id, before.parentId) : null;
    if (!retired && parent?.retiredAt) {
      throw invalidField(
        { field: "parentId", reason: "invalid" },
        "restore the type above it first: it is retired",
      );
    }
    const ids = (await subtreeOf(tx, id)).map((row) => row.id);
    await tx
      .update(processingTypes)
      .set({ retiredAt: retired ? sql`now()` : null })
      .where(
        and(
          inIds(ids),
          retired
            ? sql`${processingTypes.retiredAt} is null`
            : // Compared in SQL: the moment has microseconds, which a JavaScript Date loses.
              sql`${processingTypes.retiredAt} = (select retired_at from ${processingTypes} where id = ${id})`,
        ),
      );
    const row = await findIn(tx, service.id, id);
    await record(
      tx,
      actorId,
      row,
      retired ? "retired" : "restored",
      { retired: !retired },
      { retired },
    );
    return row;
  });
}

/** Deletes a type and the types under it, only when no chat (or ticket) has any of them: the
 *  records that do point at them, and the database refuses. Retiring is the way out of use. */
export function deleteProcessingType(
  db: Database,
  service: Service,
  id: string,
  actorId: string | null,
): Promise<void> {
  return changeTree(db, service.id, async (tx) => {
    const before = await findIn(tx, service.id, id);
    const ids = (await subtreeOf(tx, id)).map((row) => row.id);
    try {
      await tx.delete(processingTypes).where(inIds(ids));
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw new AppError(
          "processing_type_in_use",
          409,
          "chats have this type or one under it: retire it instead",
        );
      }
      throw error;
    }
    await record(
      tx,
      actorId,
      before,
      "deleted",
      { parentId: before.parentId, names: before.names },
      null,
    );
  });
}

/** One change to a service's tree: in one transaction, after the changes before it, with a
 *  sibling's name in use refused as that name's field. */
async function changeTree<T>(
  db: Database,
  serviceId: string,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK}, hashtext(${serviceId}))`);
      return work(tx);
    });
  } catch (error) {
    const language = takenLanguage(error);
    if (language) {
      throw invalidField(
        { field: `names.${language}`, reason: "taken" },
        "a type beside it in use already has this name",
      );
    }
    throw error;
  }
}

/** The names as stored: blank ones dropped; the service's default language must have one. */
function checkedNames(service: Service, names: ProcessingTypeNames): ProcessingTypeNames {
  const kept: ProcessingTypeNames = {};
  for (const language of languages) {
    const name = names[language]?.trim();
    if (name) kept[language] = name;
  }
  if (!kept[service.defaultLanguage]) {
    throw invalidField(
      { field: `names.${service.defaultLanguage}`, reason: "required" },
      "a type needs a name in the service's default language",
    );
  }
  return kept;
}

function checkDepth(depth: number) {
  if (depth > MAX_PROCESSING_TYPE_DEPTH) {
    throw invalidField(
      { field: "parentId", reason: "too_deep", limit: MAX_PROCESSING_TYPE_DEPTH },
      `processing types are ${MAX_PROCESSING_TYPE_DEPTH} levels deep at most`,
    );
  }
}

/** A type of this service; `field` names the input it came from when it is not one. */
async function findIn(
  tx: Transaction,
  serviceId: string,
  id: string,
  field?: string,
): Promise<ProcessingTypeRow> {
  const [row] = await tx
    .select()
    .from(processingTypes)
    .where(and(eq(processingTypes.id, id), eq(processingTypes.serviceId, serviceId)));
  if (row) return row;
  if (field) {
    throw invalidField({ field, reason: "invalid" }, "no such processing type in this service");
  }
  throw notFound("processing_type_not_found", "this processing type");
}

/** The type and every type under it. */
async function subtreeOf(
  tx: Transaction,
  id: string,
): Promise<Pick<ProcessingTypeRow, "id" | "depth">[]> {
  const result = await tx.execute<{ id: string; depth: number }>(sql`
    with recursive subtree as (
      select id, depth from ${processingTypes} where id = ${id}
      union all
      select child.id, child.depth from ${processingTypes} child
      join subtree on child.parent_id = subtree.id
    )
    select id, depth from subtree`);
  return (result as unknown as { rows: { id: string; depth: number }[] }).rows;
}

async function siblingIds(tx: Transaction, serviceId: string, parentId: string | null) {
  const rows = await tx
    .select({ id: processingTypes.id })
    .from(processingTypes)
    .where(
      and(
        eq(processingTypes.serviceId, serviceId),
        parentId
          ? eq(processingTypes.parentId, parentId)
          : sql`${processingTypes.parentId} is null`,
      ),
    )
    .orderBy(processingTypes.position, processingTypes.createdAt, processingTypes.id);
  return rows.map((row) => row.id);
}

/** Positions 0, 1, 2… in the given order, in one statement. */
async function renumber(tx: Transaction, ids: string[]) {
  if (ids.length === 0) return;
  await tx.execute(sql`
    update ${processingTypes} set position = ordered.position - 1
    from unnest(array[${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}]) with ordinality as ordered(id, position)
    where ${processingTypes.id} = ordered.id`);
}

const inIds = (ids: string[]) =>
  sql`${processingTypes.id} in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;

function record(
  tx: Transaction,
  actorId: string | null,
  row: ProcessingTypeRow,
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  return recordChange(tx, {
    actorId,
    serviceId: row.serviceId,
    subject: "category",
    subjectId: row.id,
    action,
    before,
    after,
  });
}

/** The language whose sibling-name index refused the change, if one did. */
function takenLanguage(error: unknown) {
  if (!isUniqueViolation(error)) return null;
  const { constraint } = databaseRefusal(error);
  return (
    languages.find((language) => constraint === `processing_types_sibling_name_${language}_idx`) ??
    null
  );
}

/** The service's type with this id, retired or not; null when the service has none. */
export async function findProcessingType(
  db: Database | Transaction,
  serviceId: string,
  id: string,
): Promise<ProcessingTypeRow | null> {
  const [row] = await db
    .select()
    .from(processingTypes)
    .where(and(eq(processingTypes.id, id), eq(processingTypes.serviceId, serviceId)));
  return row ?? null;
}

/** SQL: the ids of the type and of every type under it, for a filter where a type matches the
 *  records classified below it (`column in (…)`). */
export const typeAndDescendants = (id: string): SQL => sql`(
  with recursive subtree as (
    select id from ${processingTypes} where id = ${id}
    union all
    select child.id from ${processingTypes} child join subtree on child.parent_id = subtree.id
  )
  select id from subtree
)`;

/** Whether a chat of the service may be classified as this type now: one of the service's, in
 *  use (a retired one only stays on the chat that has it, `kept`). */
export async function isOfferedProcessingType(
  db: Database | Transaction,
  serviceId: string,
  id: string,
  kept: string | null,
): Promise<boolean> {
  const type = await findProcessingType(db, serviceId, id);
  return type !== null && (type.retiredAt === null || id === kept);
}
