/** The processing-type tree's REST bodies (PRODUCT.md, "category management"): the console's
 *  management screen and the workspace's choice both read the same list. */
import { z } from "zod";
import { storable } from "./chat.js";
import { languages } from "./domain.js";
import { MAX_PROCESSING_TYPE_NAME_LENGTH } from "./limits.js";

const name = storable(z.string().trim().max(MAX_PROCESSING_TYPE_NAME_LENGTH));

/** A name per language; a blank one is no name in that language. The service's default
 *  language must have one (the server checks: it knows the service). */
export const processingTypeNames = z.partialRecord(z.enum(languages), name);
export type ProcessingTypeNames = z.infer<typeof processingTypeNames>;

export const processingType = z.object({
  id: z.string(),
  /** null at the top level. */
  parentId: z.string().nullable(),
  /** 1 to 3. */
  depth: z.number().int(),
  /** Order among its siblings, 0 first. */
  position: z.number().int(),
  names: processingTypeNames,
  /** Retired, by itself or with its parent: no longer offered, still shown on the chats that
   *  have it. */
  retired: z.boolean(),
});
export type ProcessingType = z.infer<typeof processingType>;

/** The whole tree, flat, parents before their children and siblings in order. */
export const processingTypeListResponse = z.object({ processingTypes: z.array(processingType) });
export type ProcessingTypeListResponse = z.infer<typeof processingTypeListResponse>;
export const processingTypeResponse = z.object({ processingType });

export const serviceParams = z.object({ serviceId: z.uuid() });
export const processingTypeParams = serviceParams.extend({ processingTypeId: z.uuid() });

export const createProcessingTypeBody = z.object({
  /** Absent or null: a top-level type. */
  parentId: z.uuid().nullish(),
  names: processingTypeNames,
});
export type CreateProcessingTypeBody = z.infer<typeof createProcessingTypeBody>;

export const renameProcessingTypeBody = z.object({ names: processingTypeNames });

/** Where a type goes: under a parent (null: the top level), at an index among its new siblings
 *  (past the end: last). Its children go with it. */
export const moveProcessingTypeBody = z.object({
  parentId: z.uuid().nullable(),
  index: z.number().int().min(0),
});
export type MoveProcessingTypeBody = z.infer<typeof moveProcessingTypeBody>;

export const setRetiredBody = z.object({ retired: z.boolean() });
