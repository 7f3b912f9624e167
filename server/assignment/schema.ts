import { foreignKey, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { assignmentReasons } from "../../shared/domain.js";
import { chats } from "../chats/schema.js";
import { oneOf } from "../db/columns.js";
import { operators } from "../operators/schema.js";

/**
 * Who held a chat: one row for every assignment, transfer and reassignment (ARCHITECTURE.md,
 * "Assignment", 6). Statistics credit each operator from it, and a returning customer's most
 * recent operator comes from it. The customer is kept beside the chat (checked against it) so that
 * "this customer's most recent operator" is one indexed lookup.
 */
export const chatAssignments = pgTable(
  "chat_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    chatId: uuid("chat_id").notNull(),
    customerId: uuid("customer_id").notNull(),
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => operators.id),
    /** The operator it was taken from, for a transfer or a reassignment. */
    fromOperatorId: uuid("from_operator_id").references(() => operators.id),
    reason: text("reason", { enum: assignmentReasons }).notNull(),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    oneOf("chat_assignments_reason", table.reason, assignmentReasons),
    foreignKey({
      name: "chat_assignments_chat_fk",
      columns: [table.chatId, table.customerId],
      foreignColumns: [chats.id, chats.customerId],
    }).onDelete("cascade"),
    index("chat_assignments_chat_idx").on(table.chatId, table.assignedAt),
    index("chat_assignments_customer_idx").on(table.customerId, table.assignedAt),
    index("chat_assignments_operator_idx").on(table.operatorId, table.assignedAt),
  ],
);
