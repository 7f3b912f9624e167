import { pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { languages } from "../../shared/domain.js";
import { createdAt, oneOf } from "../db/columns.js";
import { services } from "../services/schema.js";

export const cannedResponses = pgTable(
  "canned_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Normalised (shared/canned-responses.ts): one response per shortcut in a service, whatever
     *  languages it is written in. */
    shortcut: text("shortcut").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("canned_responses_shortcut").on(table.serviceId, table.shortcut)],
);

/** A canned response's text in one language. */
export const cannedResponseTexts = pgTable(
  "canned_response_texts",
  {
    cannedResponseId: uuid("canned_response_id")
      .notNull()
      .references(() => cannedResponses.id, { onDelete: "cascade" }),
    language: text("language", { enum: languages }).notNull(),
    text: text("text").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.cannedResponseId, table.language] }),
    oneOf("canned_response_texts_language", table.language, languages),
  ],
);
