/** The whole schema. Each feature folder owns the queries of its tables (docs/decisions.md). */
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { SystemEvent } from "../../shared/chat.js";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const services = pgTable("services", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** The public key in the embed code and the help center's URL. */
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  chatEnabled: boolean("chat_enabled").notNull().default(false),
  greeting: text("greeting").notNull().default(""),
  satisfactionMessage: text("satisfaction_message").notNull().default(""),
  preferRecentOperator: boolean("prefer_recent_operator").notNull().default(false),
  /** Chat only for users the company's site vouches for (signed identity). */
  loginRequired: boolean("login_required").notNull().default(false),
  /** Signs the identities of a login-only service's users: the company's site shares it. */
  identitySecret: text("identity_secret")
    .notNull()
    // gen_random_uuid draws from the server's strong random source, and is in core PostgreSQL.
    .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
  /** Origins allowed to embed the widget; empty allows any. */
  allowedOrigins: text("allowed_origins").array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
});

export const operators = pgTable("operators", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ["administrator", "operator"] }).notNull(),
  status: text("status", { enum: ["online", "break", "offline"] })
    .notNull()
    .default("offline"),
  /** Concurrent chats this operator may hold; null: the installation's chatLimit setting. */
  chatLimit: integer("chat_limit"),
  /** When the operator last got a chat or went online: ties in assignment go to the longest idle. */
  idleSince: timestamp("idle_since", { withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => operators.id, { onDelete: "cascade" }),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    chatPermission: boolean("chat_permission").notNull().default(true),
  },
  (table) => [primaryKey({ columns: [table.operatorId, table.serviceId] })],
);

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
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("customers_service_external_idx").on(table.serviceId, table.externalId)],
);

export const chats = pgTable(
  "chats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id),
    operatorId: uuid("operator_id").references(() => operators.id),
    state: text("state", { enum: ["waiting", "active", "ended_by_customer", "closed"] })
      .notNull()
      .default("waiting"),
    /** The help center, or the URL of the page that embedded the widget. */
    channel: text("channel").notNull(),
    ipAddress: text("ip_address"),
    device: text("device"),
    consentedAt: timestamp("consented_at", { withTimezone: true }).notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    firstOpenedAt: timestamp("first_opened_at", { withTimezone: true }),
    firstReplyAt: timestamp("first_reply_at", { withTimezone: true }),
    /** When the customer ended the chat (or was ended for being idle). */
    customerEndedAt: timestamp("customer_ended_at", { withTimezone: true }),
    /** When the operator ended it: the chat is closed. */
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** The customer's latest sign of life (a message, typing, reading): idle chats end. */
    customerActiveAt: timestamp("customer_active_at", { withTimezone: true })
      .notNull()
      .defaultNow(),
    /** PRODUCT.md: processed when the operator opened the request and sent a reply. */
    processed: boolean("processed")
      .notNull()
      .generatedAlwaysAs(sql`first_opened_at is not null and first_reply_at is not null`),
    rating: integer("rating"),
    ratingComment: text("rating_comment"),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
    /** The highest sequence number each side has seen. */
    operatorReadSeq: integer("operator_read_seq").notNull().default(0),
    customerReadSeq: integer("customer_read_seq").notNull().default(0),
    /** The sequence number of the chat's latest message; the row lock on it orders messages. */
    lastSeq: integer("last_seq").notNull().default(0),
  },
  (table) => [
    index("chats_operator_state_idx").on(table.operatorId, table.state),
    index("chats_customer_idx").on(table.customerId, table.requestedAt),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    chatId: uuid("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    clientId: text("client_id"),
    author: text("author", { enum: ["customer", "operator", "system"] }).notNull(),
    operatorId: uuid("operator_id").references(() => operators.id),
    /** What a system message records (greeting, customer_ended, transferred…), so each client
     *  can say it in its reader's language; body is the text as it was sent. */
    event: text("event").$type<SystemEvent>(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("messages_chat_seq_idx").on(table.chatId, table.seq),
    uniqueIndex("messages_chat_client_idx").on(table.chatId, table.clientId),
  ],
);

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

export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    customerId: uuid("customer_id").references(() => customers.id),
    chatId: uuid("chat_id").references(() => chats.id),
    channel: text("channel", { enum: ["form", "chat"] }).notNull(),
    subject: text("subject").notNull(),
    status: text("status", { enum: ["new", "open", "pending", "solved", "closed"] })
      .notNull()
      .default("new"),
    assigneeId: uuid("assignee_id").references(() => operators.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("tickets_service_idx").on(table.serviceId, table.createdAt)],
);

/** Installation-wide settings, one JSON value per key. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
