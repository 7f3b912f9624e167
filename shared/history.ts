/** Chat history's REST bodies (PRODUCT.md, "Chat history"): every chat of the services an operator
 *  may see, newest first, searched by conditions that the console keeps in its URL. */
import { z } from "zod";
import { nameComponents } from "./api.js";
import { processingTypeNames } from "./categories.js";
import {
  channel,
  chatState,
  chatSummary,
  chatTicket,
  message,
  ratingScore,
  storable,
} from "./chat.js";
import { languages } from "./languages.js";
import { MAX_SEARCH_WORDS_LENGTH } from "./limits.js";

/** Processed or not (PRODUCT.md), and where an unprocessed chat was lost: nobody opened it, or
 *  it was opened and never answered. */
export const historyStatuses = [
  "processed",
  "unprocessed",
  "never_opened",
  "not_answered",
] as const;
export type HistoryStatus = (typeof historyStatuses)[number];
/** A rating to look for: a score, or none given. */
export const historyRatings = ["1", "2", "3", "4", "5", "none"] as const;

const words = storable(z.string().trim().min(1).max(MAX_SEARCH_WORDS_LENGTH));

/** The search conditions, all optional: absent is "any". The period is of days in each chat's
 *  service's time zone, both ends included. */
export const historyConditions = z.object({
  serviceId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  status: z.enum(historyStatuses).optional(),
  operatorId: z.uuid().optional(),
  /** A processing type matches its descendants too. */
  processingTypeId: z.uuid().optional(),
  rating: z.enum(historyRatings).optional(),
  channel: channel.optional(),
  /** Made into a ticket ("yes") or not ("no"). */
  hasTicket: z.enum(["yes", "no"]).optional(),
  /** Part of the customer's name or email. */
  customer: words.optional(),
  /** Words the conversation has: a message that contains every one of them (parts of words too;
   *  at least one kana, kanji or hangul, or three other letters). */
  words: words.optional(),
});
export type HistoryConditions = z.infer<typeof historyConditions>;

export const historyQuery = historyConditions
  .extend({
    /** The `next` of the previous page. */
    cursor: z
      .string()
      .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z_[0-9a-f-]{36}$/, "must be a page's next")
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ["to"],
    message: "must not be before from",
  });
export type HistoryQuery = z.input<typeof historyQuery>;

const named = z.object({ id: z.string(), name: z.string() });

/** A chat as the history lists it. */
export const historyChat = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  state: chatState,
  channel,
  requestedAt: z.string(),
  /** When the conversation ended: the first of the customer's and the operator's end. */
  endedAt: z.string().nullable(),
  /** Request to end, in seconds; null while the chat goes on. */
  durationSeconds: z.number().int().nonnegative().nullable(),
  customer: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
  /** Everyone who held it, in the order they took it. */
  operators: z.array(named),
  /** The processing type with its ancestors, top level first; empty when none was chosen. */
  processingType: z.array(z.object({ id: z.string(), names: processingTypeNames })),
  /** Opened and answered by an operator (PRODUCT.md): system messages are never a reply. */
  processed: z.boolean(),
  rating: ratingScore.nullable(),
  /** The ticket made from it, if one was. */
  ticket: chatTicket.nullable(),
});
export type HistoryChat = z.infer<typeof historyChat>;

export const historyListResponse = z.object({
  chats: z.array(historyChat),
  /** Pass as `cursor` for the next (older) page; null on the last. */
  next: z.string().nullable(),
});
export type HistoryListResponse = z.infer<typeof historyListResponse>;

/** One chat's record for the panel: the list's row, the customer and inquiry info, the
 *  transcript. */
export const historyChatResponse = z.object({
  chat: historyChat,
  record: chatSummary,
  messages: z.array(message),
});
export type HistoryChatResponse = z.infer<typeof historyChatResponse>;

/** The operators a search can name: the members of the services one may see. */
export const historyOperatorsResponse = z.object({ operators: z.array(named) });
export type HistoryOperatorsResponse = z.infer<typeof historyOperatorsResponse>;

/** An export of the chats a search lists, to an .xlsx file: its sheet of chats and, when asked, a
 *  sheet of their messages; headers in the console's language. */
export const exportRequest = z.object({
  conditions: historyConditions,
  withMessages: z.boolean().default(false),
  language: z.enum(languages).default("en"),
});
export type ExportRequest = z.input<typeof exportRequest>;

export const exportStates = ["running", "done", "failed", "cancelled"] as const;
/** An export's progress: rows written of all it writes (the chats, and their messages' pass). */
export const exportJob = z.object({
  id: z.string(),
  state: z.enum(exportStates),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type ExportJob = z.infer<typeof exportJob>;

/** A finished export's file, sent as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet. */
export const exportFile = z.string();

export const exportParams = z.object({ exportId: z.uuid() });

nameComponents([
  [exportRequest, "HistoryExportRequest", "The conditions and options of a chat history export"],
  [exportFile, "HistoryExportFile", "A finished chat history export: the .xlsx file's bytes"],
  [exportJob, "HistoryExport", "An export of the chat history to an .xlsx file, and its progress"],
  [historyOperatorsResponse, "HistoryOperators", "The operators a history search can name"],
  [historyChat, "HistoryChat", "A chat as the chat history lists it"],
  [historyListResponse, "HistoryPage", "A page of the chat history, newest first"],
  [historyChatResponse, "HistoryRecord", "A past or live chat's record and transcript"],
]);
