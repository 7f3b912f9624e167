import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { ticketChannels, ticketFields, ticketStatuses } from "../../shared/domain.js";
import type { TicketForm } from "../../shared/tickets.js";
import { processingTypes } from "../categories/schema.js";
import { chats } from "../chats/schema.js";
import { customers } from "../customers/schema.js";
import { createdAt, moment, oneOf } from "../db/columns.js";
import { operators } from "../operators/schema.js";
import { services } from "../services/schema.js";

/**
 * A ticket (PRODUCT.md, "Tickets"): made from a chat (one per chat, which the unique chat_id
 * keeps however many operators press Create ticket at once) or from the inquiry form (whose
 * content it keeps as sent). The database keeps the channel's shape.
 */
export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The reference shown as "#123": one sequence for the installation, so unique in every
     *  process without a counter of our own. */
    number: integer("number").notNull().generatedAlwaysAsIdentity(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id),
    channel: text("channel", { enum: ticketChannels }).notNull(),
    chatId: uuid("chat_id")
      .unique("tickets_chat")
      .references(() => chats.id),
    /** The inquiry form's content, for channel "form". */
    form: jsonb("form").$type<TicketForm>(),
    subject: text("subject").notNull(),
    processingTypeId: uuid("processing_type_id").references(() => processingTypes.id),
    status: text("status", { enum: ticketStatuses }).notNull().default("new"),
    assigneeId: uuid("assignee_id").references(() => operators.id),
    /** When it was last solved (null once reopened): two weeks later it closes itself. */
    solvedAt: moment("solved_at"),
    /** Raised by every change: an edit based on an older version is refused as a conflict. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    oneOf("tickets_channel", table.channel, ticketChannels),
    oneOf("tickets_status", table.status, ticketStatuses),
    check(
      "tickets_origin",
      sql`(${table.channel} = 'chat') = (${table.chatId} is not null) and (${table.channel} = 'form') = (${table.form} is not null)`,
    ),
    // Closed only ever follows solved, so a closed ticket keeps when it was solved.
    check(
      "tickets_solved",
      sql`(${table.status} in ('solved', 'closed')) = (${table.solvedAt} is not null)`,
    ),
    // The list: a service's tickets, last updated first (keyset paging).
    index("tickets_service_updated_idx").on(table.serviceId, table.updatedAt, table.id),
    index("tickets_solved_idx").on(table.solvedAt).where(sql`${table.status} = 'solved'`),
  ],
);

/** Internal notes: added, never edited nor removed (the domain offers neither). */
export const ticketNotes = pgTable(
  "ticket_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => operators.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("ticket_notes_ticket_idx").on(table.ticketId, table.createdAt)],
);

/** The ticket's timeline: every change, who made it (null: the system), from what to what. Not
 *  the audit log, which is about settings; this is shown on the ticket's page. */
export const ticketHistory = pgTable(
  "ticket_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The order of the entries: those of one change share its time. */
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    actorId: uuid("actor_id").references(() => operators.id),
    field: text("field", { enum: ticketFields }).notNull(),
    before: text("before"),
    after: text("after"),
    createdAt: createdAt(),
  },
  (table) => [
    oneOf("ticket_history_field", table.field, ticketFields),
    index("ticket_history_ticket_idx").on(table.ticketId, table.seq),
  ],
);
