import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../db/columns.js";
import { operators } from "../operators/schema.js";

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the token in the cookie, so a leaked table grants no session. */
    tokenHash: text("token_hash").primaryKey(),
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => operators.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("sessions_operator_idx").on(table.operatorId)],
);
