import { customType, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { chats } from "../chats/schema.js";
import { createdAt } from "../db/columns.js";
import { services } from "../services/schema.js";
import { tickets } from "../tickets/schema.js";

/**
 * A file added to a chat (its message carries a copy of what readers see) or to the inquiry form
 * (its ticket). The bytes are not here: storage.ts keeps them under DATA_DIR on the embedded
 * database, or in attachment_chunks on PostgreSQL (docs/decisions.md 49).
 */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    chatId: uuid("chat_id").references(() => chats.id, { onDelete: "cascade" }),
    ticketId: uuid("ticket_id").references(() => tickets.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** From the bytes (content-type.ts), never from the sender's claim. */
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index("attachments_chat_idx").on(table.chatId),
    index("attachments_ticket_idx").on(table.ticketId),
  ],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/** An attachment's bytes on PostgreSQL, in order: every process reads them. No foreign key: the
 *  bytes are written before the attachment's row, which commits only once they are all here. */
export const attachmentChunks = pgTable(
  "attachment_chunks",
  {
    attachmentId: uuid("attachment_id").notNull(),
    position: integer("position").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (table) => [primaryKey({ columns: [table.attachmentId, table.position] })],
);

export type AttachmentRow = typeof attachments.$inferSelect;
