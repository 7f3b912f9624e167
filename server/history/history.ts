/** Chat history as operators read it: the chats of the services they may see, each with its
 *  customer, the operators who held it and its processing type's path. */
import type { HistoryChat, HistoryChatResponse, HistoryQuery } from "../../shared/history.js";
import { holdersOf } from "../assignment/assignment.js";
import { processingTypePaths } from "../categories/categories.js";
import { type HistoryRow, searchHistory } from "../chats/history.js";
import { mayViewRecord } from "../chats/policy.js";
import { chatSummary, findChat, messagesAfter } from "../chats/queries.js";
import { type CustomerRow, findCustomers } from "../customers/customers.js";
import type { Database } from "../db/client.js";
import { notFound } from "../errors.js";
import { type OperatorRow, operatorNames } from "../operators/operators.js";
import { listServicesFor, memberIdsOf, serviceNames } from "../services/services.js";
import { ticketsOfChats } from "../tickets/tickets.js";

/** A transcript is shown whole up to this many messages. */
const TRANSCRIPT_LIMIT = 10_000;

type Query = Omit<HistoryQuery, "limit" | "cursor"> & { cursor?: string; limit: number };

/** A page of the history, newest first, and the key of the next one. */
export async function historyPage(db: Database, operator: OperatorRow, query: Query) {
  const { cursor, limit, ...conditions } = query;
  const serviceIds =
    operator.role === "administrator" ? undefined : await listServicesFor(db, operator);
  // One row more than the page tells whether there is a next one.
  const rows = await searchHistory(db, { serviceIds, conditions, after: cursor, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    chats: await presentHistory(db, page),
    next: rows.length > limit ? (page.at(-1)?.key ?? null) : null,
  };
}

/** The operators a search can name: the members of the services the operator may see. */
export async function historyOperators(db: Database, operator: OperatorRow) {
  const names = await operatorNames(db, await memberIdsOf(db, await listServicesFor(db, operator)));
  return [...names]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One chat's record and transcript, for a member of its service or an administrator. */
export async function historyRecord(
  db: Database,
  operator: OperatorRow,
  chatId: string,
): Promise<HistoryChatResponse> {
  const chat = await findChat(db, chatId);
  const memberOf = operator.role === "administrator" ? [] : await listServicesFor(db, operator);
  if (!chat || !mayViewRecord(operator, chat, memberOf)) throw notFound("chat_not_found", "chat");
  const [[listed], record, messages] = await Promise.all([
    presentHistory(db, [{ chat, key: "" }]),
    chatSummary(db, chat.id),
    messagesAfter(db, chat.id, 0, TRANSCRIPT_LIMIT),
  ]);
  if (!listed || !record) throw notFound("chat_not_found", "chat");
  return { chat: listed, record, messages };
}

/** The listed chats as the list shows them; `customers`, when the caller has read them already
 *  (the export, for their notes), are not read again. */
export async function presentHistory(
  db: Database,
  rows: HistoryRow[],
  customers?: CustomerRow[],
): Promise<HistoryChat[]> {
  const chats = rows.map((row) => row.chat);
  const [found, holders, paths, services, tickets] = await Promise.all([
    customers ?? findCustomers(db, [...new Set(chats.map((chat) => chat.customerId))]),
    holdersOf(
      db,
      chats.map((chat) => chat.id),
    ),
    processingTypePaths(
      db,
      chats.flatMap((chat) => chat.processingTypeId ?? []),
    ),
    serviceNames(db, [...new Set(chats.map((chat) => chat.serviceId))]),
    ticketsOfChats(
      db,
      chats.map((chat) => chat.id),
    ),
  ]);
  const names = await operatorNames(db, [...new Set([...holders.values()].flat())]);
  const customerById = new Map<string, CustomerRow>(found.map((row) => [row.id, row]));
  return chats.map((chat) => {
    const customer = customerById.get(chat.customerId);
    const ends = [chat.customerEndedAt, chat.endedAt].flatMap((at) => at ?? []);
    const endedAt = ends.length > 0 ? new Date(Math.min(...ends.map(Number))) : null;
    return {
      id: chat.id,
      serviceId: chat.serviceId,
      serviceName: services.get(chat.serviceId) ?? "",
      state: chat.state,
      channel: chat.channel,
      requestedAt: chat.requestedAt.toISOString(),
      endedAt: endedAt?.toISOString() ?? null,
      durationSeconds: endedAt
        ? Math.max(0, Math.round((endedAt.getTime() - chat.requestedAt.getTime()) / 1000))
        : null,
      customer: {
        id: chat.customerId,
        name: customer?.name ?? null,
        email: customer?.email ?? null,
      },
      operators: (holders.get(chat.id) ?? []).map((id) => ({ id, name: names.get(id) ?? "" })),
      processingType: (chat.processingTypeId ? (paths.get(chat.processingTypeId) ?? []) : []).map(
        (type) => ({ id: type.id, names: type.names }),
      ),
      processed: chat.processed,
      rating: chat.rating,
      ticket: tickets.get(chat.id) ?? null,
    };
  });
}
