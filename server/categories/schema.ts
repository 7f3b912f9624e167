import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  smallint,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, moment } from "../db/columns.js";
import { services } from "../services/schema.js";

/**
 * A service's tree of processing types (PRODUCT.md, "category management"): 1 to 3 levels, ordered
 * among siblings, names unique among the siblings in use. A retired type is kept, so the chats that
 * have it still show it; it is only no longer offered. The database keeps the shape: a child's
 * parent is of the same service and exactly one level up.
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
    name: text("name").notNull(),
    /** Order among siblings, smallest first. */
    position: integer("position").notNull().default(0),
    retiredAt: moment("retired_at"),
    createdAt: createdAt(),
  },
  (table) => [
    check("processing_types_depth", sql`${table.depth} between 1 and 3`),
    check("processing_types_root", sql`(${table.parentId} is null) = (${table.depth} = 1)`),
    unique("processing_types_node").on(table.id, table.serviceId, table.depth),
    foreignKey({
      name: "processing_types_parent_fk",
      columns: [table.parentId, table.serviceId, table.parentDepth],
      foreignColumns: [table.id, table.serviceId, table.depth],
    }),
    uniqueIndex("processing_types_sibling_name_idx")
      .on(table.serviceId, sql`coalesce(${table.parentId}, ${table.serviceId})`, table.name)
      .where(sql`${table.retiredAt} is null`),
    index("processing_types_parent_idx").on(table.parentId),
  ],
);
