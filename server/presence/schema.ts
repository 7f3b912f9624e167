import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { operators } from "../operators/schema.js";

/** Operators' live connections, in every process: presence for assignment. A row counts while
 *  its last_seen_at is within the grace period; its process refreshes it while the socket lives. */
export const operatorConnections = pgTable(
  "operator_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => operators.id, { onDelete: "cascade" }),
    processId: text("process_id").notNull(),
    connectedAt: timestamp("connected_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (table) => [
    index("operator_connections_operator_idx").on(table.operatorId, table.lastSeenAt),
    index("operator_connections_process_idx").on(table.processId),
  ],
);
