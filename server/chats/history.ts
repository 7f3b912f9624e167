/**
 * Chat history (PRODUCT.md, "Chat history"): every chat of the services an operator may see,
 * newest first, a page after a (requested_at, id) key, narrowed by the search conditions. Words in
 * the conversation are looked up through the closed chats' n-grams (migrations 0012 and 0013,
 * docs/decisions.md 39).
 */
import {
  and,
  asc,
  desc,
  eq,
  inArray,
  isNull,
  not,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import { union } from "drizzle-orm/pg-core";
import type { HistoryConditions, HistoryStatus } from "../../shared/history.js";
import { MIN_SEARCH_LETTERS } from "../../shared/limits.js";
import { heldBy } from "../assignment/assignment.js";
import { typeAndDescendants } from "../categories/categories.js";
import { customerMatching, fewCustomersMatching } from "../customers/customers.js";
import type { Database } from "../db/client.js";
import { anyOf } from "../db/columns.js";
import { invalidField } from "../errors.js";
import { timeZoneOf } from "../services/services.js";
import { chatHasTicket } from "../tickets/tickets.js";
import { type ChatRow, chats, chatWords, messages } from "./schema.js";

export interface HistorySearch {
  /** The services whose chats may be listed; undefined: every service (an administrator). */
  serviceIds?: string[];
  conditions: HistoryConditions;
  /** The key of the previous page's last chat (its `next`). */
  after?: string;
  limit: number;
  /** The thresholds of the search's plan; the measured ones unless a test asks for others. */
  plan?: SearchPlan;
}

export interface SearchPlan {
  /** Matching messages counted up to this many: under it, the chats come through the index;
   *  from it, the word is frequent and the newest chats are read first. */
  fewMatches: number;
  /** How many of the newest chats (that pass the other conditions) a frequent word is looked for
   *  in, message by message, before the index answers for the older ones. */
  newestWindow: number;
  /** Fewer customers than this whose name or email has the customer words: their chats are
   *  found by the customers' ids; from it, by walking the newest chats. */
  fewCustomers: number;
}

/** Measured at a million messages (docs/decisions.md 39). */
const measuredPlan: SearchPlan = { fewMatches: 500, newestWindow: 2000, fewCustomers: 500 };

/** A listed chat and its key, which the next page starts after. */
export interface HistoryRow {
  chat: ChatRow;
  key: string;
}

/** The key: the request time to the microsecond (PostgreSQL's precision) and the id. */
const keyOf = sql<string>`to_char(${chats.requestedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || ${chats.id}`;
const newestFirst = [desc(chats.requestedAt), desc(chats.id)];

export async function searchHistory(db: Database, search: HistorySearch): Promise<HistoryRow[]> {
  const { customer } = search.conditions;
  // The customer's name or email is looked up by its n-grams too: it needs one.
  if (customer) await searchWords(db, customer, "customer");
  const customerIds = customer
    ? await fewCustomersMatching(db, customer, (search.plan ?? measuredPlan).fewCustomers)
    : undefined;
  const conditions = conditionsOf({ ...search, customerIds });
  const words = search.conditions.words
    ? await searchWords(db, search.conditions.words, "words")
    : null;
  const keys = words
    ? await chatsWithWords(db, conditions, words, search.limit, search.plan ?? measuredPlan)
    : await chatKeys(db, conditions, search.limit);
  if (keys.length === 0) return [];
  const rows = await db
    .select()
    .from(chats)
    .where(
      anyOf(
        chats.id,
        keys.map((row) => row.id),
      ),
    );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return keys.flatMap(({ id, key }) => {
    const chat = byId.get(id);
    return chat ? [{ chat, key }] : [];
  });
}

/** Every condition but the words, as SQL over `chats`. */
function conditionsOf({
  serviceIds,
  conditions,
  after,
  customerIds,
}: Pick<HistorySearch, "serviceIds" | "conditions" | "after"> & {
  /** The customers with the customer words, when they are few (fewCustomersMatching). */
  customerIds?: string[];
}): SQL | undefined {
  const zone = timeZoneOf(chats.serviceId);
  const { from, to, rating } = conditions;
  return and(
    serviceIds ? inArray(chats.serviceId, serviceIds) : undefined,
    conditions.serviceId ? eq(chats.serviceId, conditions.serviceId) : undefined,
    // A day in the service's time zone; the first bound of each pair (a day wider than any
    // time zone) lets the index narrow the range before the exact one is checked.
    from
      ? sql`${chats.requestedAt} >= (${from}::date - 1)::timestamp at time zone 'UTC'
          and ${chats.requestedAt} >= ${from}::date::timestamp at time zone ${zone}`
      : undefined,
    to
      ? sql`${chats.requestedAt} < (${to}::date + 2)::timestamp at time zone 'UTC'
          and ${chats.requestedAt} < (${to}::date + 1)::timestamp at time zone ${zone}`
      : undefined,
    conditions.status ? withStatus[conditions.status] : undefined,
    conditions.operatorId ? heldBy(chats.id, conditions.operatorId) : undefined,
    conditions.processingTypeId
      ? sql`${chats.processingTypeId} in ${typeAndDescendants(conditions.processingTypeId)}`
      : undefined,
    rating === "none"
      ? isNull(chats.rating)
      : rating
        ? eq(chats.rating, Number(rating))
        : undefined,
    conditions.channel ? eq(chats.channel, conditions.channel) : undefined,
    conditions.hasTicket === "yes" ? chatHasTicket(chats.id) : undefined,
    conditions.hasTicket === "no" ? not(chatHasTicket(chats.id)) : undefined,
    customerIds
      ? anyOf(chats.customerId, customerIds)
      : conditions.customer
        ? customerMatching(chats.customerId, conditions.customer)
        : undefined,
    after ? afterKey(after) : undefined,
  );
}

/** SQL over `chats`, each status as the list and statistics count it: processed is the
 *  generated column (opened and answered); an unprocessed chat was never opened or never
 *  answered. */
export const withStatus: Record<HistoryStatus, SQL> = {
  processed: sql`${chats.processed}`,
  unprocessed: sql`not ${chats.processed}`,
  never_opened: sql`not ${chats.processed} and ${chats.firstOpenedAt} is null`,
  not_answered: sql`not ${chats.processed} and ${chats.firstOpenedAt} is not null`,
};

/** SQL over `chats`: when the conversation ended, the first of the customer's and the
 *  operator's end (null while it goes on), as the list's duration counts it. */
const conversationEnd = sql<Date | null>`least(${chats.customerEndedAt}, ${chats.endedAt})`;

/** Whole seconds from the request to a moment (null without one), as the list and its export
 *  show them. */
const secondsAfterRequest = (at: SQLWrapper) =>
  sql<number | null>`(case when ${at} is not null
    then greatest(0, round(extract(epoch from ${at} - ${chats.requestedAt}))) end)::int`;

/**
 * The chats the list shows for conditions without words, as a query of what statistics count
 * (one definition of the period, of processed and of each time): the same rows the pages list,
 * each with its outcome and times, under the column names given here.
 */
export function listedChats(
  db: Database,
  search: { serviceIds?: string[]; conditions: Omit<HistoryConditions, "words" | "customer"> },
) {
  return db
    .select({
      id: sql<string>`${chats.id}`.as("id"),
      requestedAt: sql<Date>`${chats.requestedAt}`.as("requested_at"),
      processingTypeId: sql<string | null>`${chats.processingTypeId}`.as("processing_type_id"),
      processed: sql<boolean>`${withStatus.processed}`.as("processed"),
      neverOpened: sql<boolean>`${withStatus.never_opened}`.as("never_opened"),
      notAnswered: sql<boolean>`${withStatus.not_answered}`.as("not_answered"),
      firstReplyAt: sql<Date | null>`${chats.firstReplyAt}`.as("first_reply_at"),
      endedAt: conversationEnd.as("ended_at"),
      firstReplySeconds: secondsAfterRequest(chats.firstReplyAt).as("first_reply_seconds"),
      durationSeconds: secondsAfterRequest(conversationEnd).as("duration_seconds"),
      rating: sql<number | null>`${chats.rating}`.as("rating"),
      ratedAt: sql<Date | null>`${chats.ratedAt}`.as("rated_at"),
    })
    .from(chats)
    .where(conditionsOf(search));
}

function afterKey(key: string): SQL {
  const [at, id] = key.split("_");
  return sql`(${chats.requestedAt}, ${chats.id}) < (${at}::timestamptz, ${id}::uuid)`;
}

interface ChatKey {
  id: string;
  key: string;
}

function chatKeys(db: Database, where: SQL | undefined, limit: number): Promise<ChatKey[]> {
  return db
    .select({ id: chats.id, key: keyOf })
    .from(chats)
    .where(where)
    .orderBy(...newestFirst)
    .limit(limit);
}

/** The words as the index knows them: normalised as the text is, with their grams. */
interface SearchWords {
  /** Each word normalised (NFKC, lower case): a chat matches when what people wrote in it
   *  contains every one. */
  texts: string[];
  /** The grams of all the words, which a matching chat's grams include. */
  grams: string[];
}

async function searchWords(
  db: Database,
  words: string,
  field: "words" | "customer",
): Promise<SearchWords> {
  const rows = await db.execute(sql`
    select search_text(word) as text, search_query_grams(word) as grams
    from unnest(${sql.param(field === "words" ? words.split(/\s+/).filter(Boolean) : [words])}::text[]) as word
  `);
  const found = (rows as unknown as { rows: { text: string; grams: string[] }[] }).rows;
  if (found.some((word) => word.grams.length === 0)) {
    throw invalidField(
      { field, reason: "too_short", limit: MIN_SEARCH_LETTERS },
      `each word needs a kana, kanji or hangul, or ${MIN_SEARCH_LETTERS} other letters`,
    );
  }
  return {
    texts: found.map((word) => word.text),
    grams: [...new Set(found.flatMap((word) => word.grams))],
  };
}

/** SQL over a chat's id: every word is in what people wrote in it (the grams only narrow the
 *  chats down: "注文" and "文注" have the same). */
const saying = (chatId: SQLWrapper, words: SearchWords) =>
  and(
    ...words.texts.map(
      (text) => sql`exists (select 1 from ${messages} where ${messages.chatId} = ${chatId}
        and ${messages.author} <> 'system' and strpos(search_text(${messages.body}), ${text}) > 0)`,
    ),
  );

/** Not closed: the chats whose words are not indexed yet (chats_unclosed_idx lists them). */
const live = sql`${chats.state} <> 'closed'`;

/** The closed chats whose grams include the words' (through the index, written when a chat
 *  closes). A new builder each time: drizzle's builders change as they are combined. */
const indexedChats = (db: Database, words: SearchWords) =>
  db
    .select({ id: chatWords.chatId })
    .from(chatWords)
    .where(sql`${chatWords.grams} @> ${sql.param(words.grams)}::text[]`);

/** SQL over `chats`: the chat may hold the words: its indexed grams include theirs, or it is
 *  live (not indexed yet: few, read directly), and what people wrote in it holds every word. */
const holding = (db: Database, words: SearchWords) =>
  and(
    inArray(
      chats.id,
      union(indexedChats(db, words), db.select({ id: chats.id }).from(chats).where(live)),
    ),
    saying(chats.id, words),
  );

/**
 * The plan measured in issue 13: count the matching chats up to a cap; when few, take them
 * through the index and sort those; when many, look in the newest chats first (a frequent word
 * fills a page there), and only past them ask the index for the older ones.
 */
async function chatsWithWords(
  db: Database,
  where: SQL | undefined,
  words: SearchWords,
  limit: number,
  plan: SearchPlan,
): Promise<ChatKey[]> {
  const [counted] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(indexedChats(db, words).limit(plan.fewMatches).as("m"));
  if ((counted?.count ?? 0) < plan.fewMatches) {
    return chatKeys(db, and(where, holding(db, words)), limit);
  }
  const newest = db
    .select({ id: chats.id, requestedAt: chats.requestedAt, key: keyOf.as("key") })
    .from(chats)
    .where(where)
    .orderBy(...newestFirst)
    .limit(plan.newestWindow)
    .as("newest");
  const inNewest = await db
    .select({ id: newest.id, key: newest.key })
    .from(newest)
    .where(saying(newest.id, words))
    .orderBy(desc(newest.requestedAt), desc(newest.id))
    .limit(limit);
  if (inNewest.length === limit) return inNewest;
  const [window] = await db
    .select({ size: sql<number>`count(*)::int`, end: sql<string | null>`min(${newest.key})` })
    .from(newest);
  // The window held every chat that passes the other conditions: there are no older ones.
  if (!window?.end || window.size < plan.newestWindow) return inNewest;
  const older = await chatKeys(
    db,
    and(where, afterKey(window.end), holding(db, words)),
    limit - inNewest.length,
  );
  return [...inNewest, ...older];
}

/** How many chats the search lists in all (its pages together), for an export's progress. */
export async function countHistory(
  db: Database,
  search: Omit<HistorySearch, "after" | "limit" | "plan">,
): Promise<number> {
  const { customer } = search.conditions;
  if (customer) await searchWords(db, customer, "customer");
  const words = search.conditions.words
    ? await searchWords(db, search.conditions.words, "words")
    : null;
  const [counted] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(chats)
    .where(and(conditionsOf(search), words ? holding(db, words) : undefined));
  return counted?.count ?? 0;
}

/** The messages of the chats, each chat's in order (an export's messages sheet). */
export function messagesOfChats(db: Database, chatIds: string[]) {
  return db
    .select()
    .from(messages)
    .where(anyOf(messages.chatId, chatIds))
    .orderBy(asc(messages.chatId), asc(messages.seq));
}
