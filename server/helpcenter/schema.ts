import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { type Language, languages } from "../../shared/domain.js";
import type { FaqTexts } from "../../shared/help-center.js";
import { createdAt } from "../db/columns.js";
import { services } from "../services/schema.js";

/** A jsonb object whose keys are only the product's languages. */
const byLanguage = (column: AnyPgColumn) =>
  sql`jsonb_typeof(${column}) = 'object' and ${column} - array[${sql.raw(
    languages.map((language) => `'${language}'`).join(", "),
  )}]::text[] = '{}'::jsonb`;

/** A service's help center: what it says at the top, by language (Markdown, never blank). */
export const helpCenters = pgTable(
  "help_centers",
  {
    serviceId: uuid("service_id")
      .primaryKey()
      .references(() => services.id, { onDelete: "cascade" }),
    introduction: jsonb("introduction")
      .$type<Partial<Record<Language, string>>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("help_centers_introduction", byLanguage(table.introduction))],
);

/** A question and its answer in the help center, by language ({"ja": {"title", "answer"}}). */
export const faqEntries = pgTable(
  "faq_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    texts: jsonb("texts").$type<FaqTexts>().notNull(),
    /** Order in the help center, 0 first, without gaps: every change renumbers the entries. */
    position: integer("position").notNull(),
    published: boolean("published").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check("faq_entries_texts", byLanguage(table.texts)),
    index("faq_entries_service_idx").on(table.serviceId, table.position),
  ],
);
