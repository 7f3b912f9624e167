import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { alwaysOpen, type BusinessHours } from "../../shared/business-hours.js";
import { languages } from "../../shared/domain.js";
import { DEFAULT_CHAT_LIMIT } from "../../shared/limits.js";
import { createdAt, moment, oneOf } from "../db/columns.js";
import { operators } from "../operators/schema.js";

export const services = pgTable(
  "services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The public key in the embed code and the help center's URL. */
    key: text("key").notNull().unique(),
    name: text("name").notNull(),
    chatEnabled: boolean("chat_enabled").notNull().default(false),
    /** The language of the texts a customer gets when the service has none in theirs. */
    defaultLanguage: text("default_language", { enum: languages }).notNull().default("en"),
    /** IANA time zone: statistics by day and hour, business hours. */
    timeZone: text("time_zone").notNull().default("UTC"),
    preferRecentOperator: boolean("prefer_recent_operator").notNull().default(false),
    /** Chats in progress one operator may hold for this service, unless their own limit says. */
    chatLimit: integer("chat_limit").notNull().default(DEFAULT_CHAT_LIMIT),
    /** How long an operator's console may be gone (a reload, a network loss) and still count:
     *  past it they get none of this service's chats and its unopened ones move on. */
    reassignmentGraceMs: integer("reassignment_grace_ms").notNull().default(60_000),
    /** A customer silent this long has the chat ended on their side. */
    customerIdleMs: integer("customer_idle_ms")
      .notNull()
      .default(30 * 60_000),
    /** How many chats may wait in the queue while every online operator is at their limit;
     *  past it (or with 0) a request is refused as when nobody is online. */
    maxQueueLength: integer("max_queue_length").notNull().default(10),
    /** A chat queued this long ends, and the customer is told nobody could take it. */
    queueTimeoutMs: integer("queue_timeout_ms")
      .notNull()
      .default(10 * 60_000),
    /** When chat is offered (shared/business-hours.ts): outside it no chat starts. */
    businessHours: jsonb("business_hours").$type<BusinessHours>().notNull().default(alwaysOpen),
    /** The pre-chat fields: the widget asks for the customer's name, their email, beside the
     *  consent, and a chat request without them is refused. */
    askName: boolean("ask_name").notNull().default(false),
    askEmail: boolean("ask_email").notNull().default(false),
    /** An archived service offers no chat; its chats and history stay. */
    archivedAt: moment("archived_at"),
    /** Chat only for users the company's site vouches for (signed identity). */
    loginRequired: boolean("login_required").notNull().default(false),
    /** Signs the identities of a login-only service's users: the company's site shares it. */
    identitySecret: text("identity_secret")
      .notNull()
      // gen_random_uuid draws from the server's strong random source, and is in core PostgreSQL.
      .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
    /** When the console last showed a new secret; null: it never did, so no site can hold it. */
    identitySecretIssuedAt: moment("identity_secret_issued_at"),
    /** The secret before the last rotation, still accepted until the time beside it, so that a
     *  site has time to change to the new one. */
    previousIdentitySecret: text("previous_identity_secret"),
    previousIdentitySecretUntil: moment("previous_identity_secret_until"),
    /** Site origins (scheme, host, port) whose pages may carry the widget; empty: any site. */
    allowedOrigins: text("allowed_origins").array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (table) => [
    oneOf("services_default_language", table.defaultLanguage, languages),
    check("services_chat_limit", sql`${table.chatLimit} > 0`),
    check("services_max_queue_length", sql`${table.maxQueueLength} >= 0`),
    check("services_queue_timeout", sql`${table.queueTimeoutMs} > 0`),
  ],
);

/** What the service says to customers, per language (PRODUCT.md, "Chat → basic settings"). */
export const serviceTexts = pgTable(
  "service_texts",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    language: text("language", { enum: languages }).notNull(),
    /** Sent as the first message of every chat. */
    greeting: text("greeting").notNull().default(""),
    /** Sent when an operator requests a rating. */
    satisfactionMessage: text("satisfaction_message").notNull().default(""),
    /** What the customer consents to before a chat starts. */
    consentText: text("consent_text").notNull().default(""),
    privacyPolicyUrl: text("privacy_policy_url"),
    /** Shown by the widget outside business hours. */
    outsideHoursMessage: text("outside_hours_message").notNull().default(""),
  },
  (table) => [
    primaryKey({ columns: [table.serviceId, table.language] }),
    oneOf("service_texts_language", table.language, languages),
  ],
);

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
