import { boolean, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { operatorRoles, operatorStatuses } from "../../shared/domain.js";
import { createdAt, moment, oneOf } from "../db/columns.js";

export const operators = pgTable(
  "operators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: operatorRoles }).notNull(),
    /** Set when an administrator gave the password (created, reset): the operator chooses their
     *  own at the next login before anything else. */
    passwordChangeRequired: boolean("password_change_required").notNull().default(false),
    status: text("status", { enum: operatorStatuses }).notNull().default("offline"),
    /** Concurrent chats this operator may hold; null: the limit of the chat's service. */
    chatLimit: integer("chat_limit"),
    /** When the operator last got a chat or went online: ties in assignment go to the longest idle. */
    idleSince: timestamp("idle_since", { withTimezone: true }).notNull().defaultNow(),
    /** A deactivated operator cannot log in nor get chats; their history keeps their name. */
    deactivatedAt: moment("deactivated_at"),
    createdAt: createdAt(),
  },
  (table) => [
    oneOf("operators_role", table.role, operatorRoles),
    oneOf("operators_status", table.status, operatorStatuses),
  ],
);
