/** Reading tickets: the console's list (filtered, last updated first, paged by keyset) and a
 *  ticket's page. */
import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type {
  TicketChange,
  TicketListQuery,
  TicketNote,
  TicketSummary,
} from "../../shared/tickets.js";
import { typeAndDescendants } from "../categories/categories.js";
import { findCustomers } from "../customers/customers.js";
import type { Database } from "../db/client.js";
import { anyOf } from "../db/columns.js";
import { operatorNames } from "../operators/operators.js";
import { serviceNames } from "../services/services.js";
import { presentTicket } from "./present.js";
import { ticketHistory, ticketNotes, tickets } from "./schema.js";
import type { TicketRow } from "./tickets.js";

/** Where a page ended: the last ticket's update time in microseconds (the database's precision,
 *  which a JavaScript date would round) and its id. */
const position = sql<string>`(extract(epoch from ${tickets.updatedAt}) * 1000000)::bigint::text`;

/**
 * One page of the tickets of these services that match the filters, last updated first. Words
 * are matched with ILIKE, each in the subject or in a note: at a help desk's ticket counts a scan
 * of one service's tickets is fast enough, and it needs no word splitting for Japanese.
 */
export async function listTickets(
  db: Database,
  input: { serviceIds: string[]; operatorId: string; query: TicketListQuery },
): Promise<{ tickets: TicketSummary[]; nextCursor: string | null }> {
  const { query } = input;
  if (input.serviceIds.length === 0) return { tickets: [], nextCursor: null };
  const rows = await db
    .select({ ticket: tickets, position })
    .from(tickets)
    .where(and(anyOf(tickets.serviceId, input.serviceIds), ...filters(query, input.operatorId)))
    .orderBy(desc(tickets.updatedAt), desc(tickets.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    tickets: await presentTickets(
      db,
      page.map((row) => row.ticket),
    ),
    nextCursor: rows.length > query.limit && last ? `${last.position}.${last.ticket.id}` : null,
  };
}

function filters(query: TicketListQuery, operatorId: string): Array<SQL | undefined> {
  return [
    query.status ? eq(tickets.status, query.status) : undefined,
    query.channel ? eq(tickets.channel, query.channel) : undefined,
    assigneeFilter(query.assignee, operatorId),
    query.processingTypeId
      ? inArray(tickets.processingTypeId, typeAndDescendants(query.processingTypeId))
      : undefined,
    ...wordsOf(query.q).map((word) => {
      const pattern = `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      return or(ilike(tickets.subject, pattern), aNoteMatches(pattern));
    }),
    query.cursor ? after(query.cursor) : undefined,
  ];
}

const aNoteMatches = (pattern: string) =>
  sql`exists (select 1 from ${ticketNotes} where ${ticketNotes.ticketId} = ${tickets.id} and ${ticketNotes.body} ilike ${pattern})`;

function assigneeFilter(assignee: TicketListQuery["assignee"], operatorId: string) {
  if (!assignee) return undefined;
  if (assignee === "unassigned") return isNull(tickets.assigneeId);
  return eq(tickets.assigneeId, assignee === "me" ? operatorId : assignee);
}

const wordsOf = (text: string | undefined) => text?.split(/\s+/u).filter(Boolean) ?? [];

/** The tickets after the cursor's in the list's order. */
function after(cursor: string): SQL {
  const [micros, id] = cursor.split(".");
  return sql`(${tickets.updatedAt}, ${tickets.id}) < (timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond', ${id}::uuid)`;
}

/** Tickets as the list shows them, each with its customer, service and assignee. */
export async function presentTickets(db: Database, rows: TicketRow[]): Promise<TicketSummary[]> {
  const unique = (ids: Array<string | null>) => [
    ...new Set(ids.filter((id): id is string => id !== null)),
  ];
  const [customers, services, assignees] = await Promise.all([
    findCustomers(db, unique(rows.map((row) => row.customerId))),
    serviceNames(db, unique(rows.map((row) => row.serviceId))),
    operatorNames(db, unique(rows.map((row) => row.assigneeId))),
  ]);
  const customerById = new Map(customers.map((customer) => [customer.id, customer]));
  return rows.flatMap((row) => {
    const customer = customerById.get(row.customerId);
    if (!customer) return [];
    return [
      presentTicket(row, {
        customer,
        serviceName: services.get(row.serviceId) ?? "",
        assigneeName: row.assigneeId ? (assignees.get(row.assigneeId) ?? null) : null,
      }),
    ];
  });
}

/** The ticket's notes and history, oldest first, with their authors' names. */
export async function notesAndHistory(
  db: Database,
  ticketId: string,
): Promise<{ notes: TicketNote[]; history: TicketChange[] }> {
  const [notes, history] = await Promise.all([
    db
      .select()
      .from(ticketNotes)
      .where(eq(ticketNotes.ticketId, ticketId))
      .orderBy(asc(ticketNotes.createdAt), asc(ticketNotes.id)),
    db
      .select()
      .from(ticketHistory)
      .where(eq(ticketHistory.ticketId, ticketId))
      .orderBy(asc(ticketHistory.seq)),
  ]);
  const assigneeIds = history
    .filter((entry) => entry.field === "assignee")
    .flatMap((entry) => [entry.before, entry.after]);
  const names = await operatorNames(db, [
    ...new Set(
      [
        ...notes.map((note) => note.authorId),
        ...history.map((entry) => entry.actorId),
        ...assigneeIds,
      ].filter((id): id is string => id !== null),
    ),
  ]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return {
    notes: notes.map((note) => ({
      id: note.id,
      authorId: note.authorId,
      authorName: nameOf(note.authorId),
      body: note.body,
      createdAt: note.createdAt.toISOString(),
    })),
    history: history.map((entry) => {
      const isAssignee = entry.field === "assignee";
      return {
        id: entry.id,
        actorId: entry.actorId,
        actorName: nameOf(entry.actorId),
        field: entry.field,
        from: entry.before,
        to: entry.after,
        fromName: isAssignee ? nameOf(entry.before) : null,
        toName: isAssignee ? nameOf(entry.after) : null,
        at: entry.createdAt.toISOString(),
      };
    }),
  };
}
