import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Attachment } from "../../shared/attachments.js";
import type { SystemEvent } from "../../shared/chat.js";
import {
  channels,
  chatStates,
  deviceTypes,
  languages,
  messageAuthors,
} from "../../shared/domain.js";
import { processingTypes } from "../categories/schema.js";
import { customers } from "../customers/schema.js";
import { createdAt, moment, oneOf } from "../db/columns.js";
import { operators } from "../operators/schema.js";
import { services } from "../services/schema.js";

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
    state: text("state", { enum: chatStates }).notNull().default("waiting"),
    /** Where the request came from; for the widget, the page that carried it. */
    channel: text("channel", { enum: channels }).notNull(),
    pageUrl: text("page_url"),
    /** The customer's language (the widget's): the service's texts are sent in it. */
    language: text("language", { enum: languages }).notNull(),
    processingTypeId: uuid("processing_type_id").references(() => processingTypes.id),
    ipAddress: text("ip_address"),
    /** The device as parts, from the user agent; each client puts them into words. */
    deviceBrowser: text("device_browser"),
    deviceBrowserVersion: text("device_browser_version"),
    deviceOs: text("device_os"),
    deviceOsVersion: text("device_os_version"),
    deviceType: text("device_type", { enum: deviceTypes }),
    consentedAt: timestamp("consented_at", { withTimezone: true }).notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    firstOpenedAt: moment("first_opened_at"),
    firstReplyAt: moment("first_reply_at"),
    /** When the customer ended the chat (or was ended for being idle). */
    customerEndedAt: moment("customer_ended_at"),
    /** When the operator ended it: the chat is closed. */
    endedAt: moment("ended_at"),
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
    ratedAt: moment("rated_at"),
    /** The highest sequence number each side has seen. */
    operatorReadSeq: integer("operator_read_seq").notNull().default(0),
    customerReadSeq: integer("customer_read_seq").notNull().default(0),
    /** The sequence number of the chat's latest message; the row lock on it orders messages. */
    lastSeq: integer("last_seq").notNull().default(0),
    /** Raised by every edit of the inquiry info (processing type): a Save based on an older
     *  version is refused as a conflict. Messages and state changes do not raise it. */
    version: integer("version").notNull().default(1),
  },
  (table) => [
    oneOf("chats_state", table.state, chatStates),
    oneOf("chats_channel", table.channel, channels),
    oneOf("chats_language", table.language, languages),
    oneOf("chats_device_type", table.deviceType, deviceTypes),
    index("chats_operator_state_idx").on(table.operatorId, table.state),
    index("chats_customer_idx").on(table.customerId, table.requestedAt),
    // Chat history lists newest first, a page after a (requested_at, id) key.
    index("chats_requested_idx").on(table.requestedAt, table.id),
    // Each service's queue, oldest first: the only chats without an operator by design.
    index("chats_queue_idx")
      .on(table.serviceId, table.requestedAt, table.id)
      .where(sql`${table.state} = 'queued'`),
    // The chats whose words are not indexed yet (chat_words is written when a chat closes): a
    // words search reads these directly.
    index("chats_unclosed_idx").on(table.id).where(sql`${table.state} <> 'closed'`),
    // Lets an assignment record name the chat's customer, checked against the chat.
    unique("chats_id_customer").on(table.id, table.customerId),
  ],
);

/** Stands for "no operator" (the customer) where a key needs a value: no operator has this id. */
const NO_OPERATOR = sql.raw("'00000000-0000-0000-0000-000000000000'::uuid");

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    chatId: uuid("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    clientId: text("client_id"),
    author: text("author", { enum: messageAuthors }).notNull(),
    operatorId: uuid("operator_id").references(() => operators.id),
    /** What a system message records (greeting, customer_ended, transferred…), so each client
     *  can say it in its reader's language; body is the text as it was sent. */
    event: text("event").$type<SystemEvent>(),
    body: text("body").notNull(),
    /** When an operator last masked part of the body (personal data): the original is gone. */
    maskedAt: timestamp("masked_at", { withTimezone: true }),
    /** A file sent as the message (its body is the file's name): what every reader is shown,
     *  copied from the attachment's row, which never changes. Null for text: a text message
     *  writes and reads nothing more (docs/decisions.md 49). */
    attachment: jsonb("attachment").$type<Attachment>(),
    createdAt: createdAt(),
  },
  (table) => [
    oneOf("messages_author", table.author, messageAuthors),
    // A resumed client is re-sent its chat's masked messages: few, found without a scan.
    index("messages_masked_idx").on(table.chatId).where(sql`${table.maskedAt} is not null`),
    uniqueIndex("messages_chat_seq_idx").on(table.chatId, table.seq),
    // A client id is its sender's: the customer's (no operator) or one operator's. Another
    // sender's message with the same id is a message of its own, never taken for a resend.
    uniqueIndex("messages_chat_client_sender_idx").on(
      table.chatId,
      table.clientId,
      sql`coalesce(${table.operatorId}, ${NO_OPERATOR})`,
    ),
  ],
);

/**
 * Words in the conversation (chat history): the n-grams of what people wrote in a closed chat, one
 * row per chat, written by the database when the chat closes (migration 0016's trigger) so that
 * no message pays for the index as it is sent (docs/decisions.md 39). Live chats have no row: a
 * search reads their few messages directly.
 */
export const chatWords = pgTable(
  "chat_words",
  {
    chatId: uuid("chat_id")
      .primaryKey()
      .references(() => chats.id, { onDelete: "cascade" }),
    grams: text("grams").array().notNull(),
  },
  (table) => [index("chat_words_grams_idx").using("gin", table.grams)],
);

export type ChatRow = typeof chats.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
