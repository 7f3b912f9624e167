/** A service's processing types (PRODUCT.md, "category management"): the tree that chats and
 *  tickets are classified by. The screens to manage it come with service management. */
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { AppError } from "../errors.js";
import { processingTypes } from "./schema.js";

export type ProcessingTypeRow = typeof processingTypes.$inferSelect;

export const MAX_DEPTH = 3;

/** Adds a type at the end of its siblings. The database holds the shape (same service, one level
 *  under its parent, 3 at most, names unique among siblings in use); this names the field. */
export async function createProcessingType(
  db: Database,
  input: { serviceId: string; parentId?: string | null; name: string },
): Promise<ProcessingTypeRow> {
  const parentId = input.parentId ?? null;
  const [parent] = parentId
    ? await db
        .select()
        .from(processingTypes)
        .where(
          and(eq(processingTypes.id, parentId), eq(processingTypes.serviceId, input.serviceId)),
        )
    : [null];
  if (parentId && !parent) {
    throw new AppError(
      "validation_failed",
      400,
      "no such processing type in this service",
      "parentId",
    );
  }
  if (parent && parent.depth >= MAX_DEPTH) {
    throw new AppError(
      "validation_failed",
      400,
      `processing types are ${MAX_DEPTH} levels deep at most`,
      "parentId",
    );
  }
  try {
    const [row] = await db
      .insert(processingTypes)
      .values({
        serviceId: input.serviceId,
        parentId,
        depth: (parent?.depth ?? 0) + 1,
        name: input.name,
        position: await db.$count(
          processingTypes,
          and(
            eq(processingTypes.serviceId, input.serviceId),
            parentId ? eq(processingTypes.parentId, parentId) : undefined,
          ),
        ),
      })
      .returning();
    if (!row) throw new Error("insert returned no processing type");
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("validation_failed", 400, "a sibling already has this name", "name");
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? error;
  return (cause as { code?: string }).code === "23505";
}
