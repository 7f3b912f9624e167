import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { type Language, languages } from "../../shared/domain.js";
import { createdAt, moment } from "../db/columns.js";
import { services } from "../services/schema.js";

/** A type's name in each language it has one in; the service's default language always. */
export type ProcessingTypeNames = Partial<Record<Language, string>>;

/**
 * A service's tree of processing types (PRODUCT.md, "category management"): 1 to 3 levels, ordered
 * among siblings, names unique among the siblings in use, in each language. A retired type is
 * kept, so the chats that have it still show it; it is only no longer offered. The database keeps
 * the shape: a child's parent is of the same service and exactly one level up.
 */
export const processingTypes = pgTable(
  "processing_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id"),
    /** 1 for a top-level type, 3 at most. */
    depth: smallint("depth").notNull(),
    parentDepth: smallint("parent_depth").generatedAlwaysAs(sql`depth - 1`),
    /** By language ({"en": "Orders", "ja": "注文"}): only the service's languages, never blank. */
    names: jsonb("names").$type<ProcessingTypeNames>().notNull(),
    /** Order among siblings, 0 first, without gaps: every change renumbers the siblings. */
    position: integer("position").notNull().default(0),
    retiredAt: moment("retired_at"),
    createdAt: createdAt(),
  },
  (table) => [
    check("processing_types_depth", sql`${table.depth} between 1 and 3`),
    check("processing_types_root", sql`(${table.parentId} is null) = (${table.depth} = 1)`),
    check(
      "processing_types_names",
      sql`jsonb_typeof(${table.names}) = 'object' and ${table.names} - array[${sql.raw(
        languages.map((language) => `'${language}'`).join(", "),
      )}]::text[] = '{}'::jsonb`,
    ),
    unique("processing_types_node").on(table.id, table.serviceId, table.depth),
    foreignKey({
      name: "processing_types_parent_fk",
      columns: [table.parentId, table.serviceId, table.parentDepth],
      foreignColumns: [table.id, table.serviceId, table.depth],
    }),
    // One index per language: two siblings in use never share a name in any language.
    ...languages.map((language) =>
      uniqueIndex(`processing_types_sibling_name_${language}_idx`)
        .on(
          table.serviceId,
          sql`coalesce(${table.parentId}, ${table.serviceId})`,
          sql`(${table.names} ->> '${sql.raw(language)}')`,
        )
        .where(sql`${table.retiredAt} is null`),
    ),
    index("processing_types_parent_idx").on(table.parentId),
  ],
);
