import { type SQLWrapper, sql } from "drizzle-orm";
import { index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../db/columns.js";
import { services } from "../services/schema.js";

/** The n-grams of a customer's name and email together, as their index and its queries spell
 *  them (the same expression, or the index is not used). */
export const customerSearchText = (name: SQLWrapper, email: SQLWrapper) =>
  sql`coalesce(${name}, '') || ' ' || coalesce(${email}, '')`;
export const customerSearchGrams = (name: SQLWrapper, email: SQLWrapper) =>
  sql`search_grams(${customerSearchText(name, email)})`;

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
  (table) => [
    uniqueIndex("customers_service_external_idx").on(table.serviceId, table.externalId),
    // Chat history finds a customer by part of their name or email through the n-grams of both
    // (the functions are migration 0012's; docs/decisions.md 39).
    index("customers_search_idx").using("gin", customerSearchGrams(table.name, table.email)),
  ],
);
