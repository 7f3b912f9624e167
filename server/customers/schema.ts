import { integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../db/columns.js";
import { services } from "../services/schema.js";

export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    name: text("name"),
    email: text("email"),
    notes: text("notes"),
    /** The user id the company's site vouched for, on a login-only service. */
    externalId: text("external_id"),
    /** Raised by every edit of the customer info: a Save based on an older version is refused as
     *  a conflict instead of overwriting a colleague's newer edit. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("customers_service_external_idx").on(table.serviceId, table.externalId)],
);
