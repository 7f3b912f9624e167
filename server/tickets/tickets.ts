/**
 * Tickets (PRODUCT.md, "Tickets"): opened from a chat or from the inquiry form, then changed by
 * the service's operators. Each change is one transaction on the locked ticket row, with a
 * history entry per field, so the ticket's page shows who changed what.
 */
import { and, eq, lt, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { type TicketField, type TicketStatus, ticketStatusMoves } from "../../shared/domain.js";
import { SOLVED_TICKET_CLOSES_AFTER_DAYS } from "../../shared/limits.js";
import type { TicketForm, UpdateTicketBody } from "../../shared/tickets.js";
import { findProcessingType } from "../categories/categories.js";
import { fillCustomerContact } from "../customers/customers.js";
import type { Database, Transaction } from "../db/client.js";
import { anyOf } from "../db/columns.js";
import { AppError, invalidField, notFound } from "../errors.js";
import { findActiveOperator } from "../operators/operators.js";
import { membershipsOf } from "../services/services.js";
import { mayBeAssigned } from "./policy.js";
import { ticketHistory, ticketNotes, tickets } from "./schema.js";

export type TicketRow = typeof tickets.$inferSelect;

/** What a chat gives the ticket made from it. */
export interface ChatForTicket {
  id: string;
  serviceId: string;
  customerId: string;
  processingTypeId: string | null;
}

/**
 * The chat's ticket, made now (created: true) or the one it already has: a chat becomes one
 * ticket, however many operators ask at once (the unique chat id decides, the others get that one).
 */
export async function openTicketForChat(
  db: Database,
  input: { actorId: string; chat: ChatForTicket; subject: string },
): Promise<{ ticket: TicketRow; created: boolean }> {
  const { chat } = input;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tickets)
      .values({
        serviceId: chat.serviceId,
        customerId: chat.customerId,
        channel: "chat",
        chatId: chat.id,
        subject: input.subject,
        processingTypeId: chat.processingTypeId,
      })
      .onConflictDoNothing({ target: tickets.chatId })
      .returning();
    if (row) await recordCreated(tx, row, input.actorId);
    return row ?? null;
  });
  if (created) return { ticket: created, created: true };
  const [existing] = await db.select().from(tickets).where(eq(tickets.chatId, chat.id));
  if (!existing) throw new Error("the chat's ticket vanished");
  return { ticket: existing, created: false };
}

/** A ticket from the inquiry form (issue 14): the customer's words are kept as sent; its subject
 *  and processing type start from them, and the customer info gets the name and email it lacks. */
export async function openTicketFromForm(
  db: Database,
  input: { serviceId: string; customerId: string; form: TicketForm },
): Promise<TicketRow> {
  const { form } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tickets)
      .values({
        serviceId: input.serviceId,
        customerId: input.customerId,
        channel: "form",
        form,
        subject: form.subject,
        processingTypeId: form.processingTypeId,
      })
      .returning();
    if (!row) throw new Error("insert returned no ticket");
    await fillCustomerContact(tx, input.customerId, form);
    await recordCreated(tx, row, null);
    return row;
  });
}

function recordCreated(tx: Transaction, row: TicketRow, actorId: string | null) {
  return tx
    .insert(ticketHistory)
    .values({ ticketId: row.id, actorId, field: "created", after: row.channel });
}

export async function findTicket(db: Database, ticketId: string): Promise<TicketRow | null> {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
  return row ?? null;
}

/** The tickets the chats became, by chat id. */
export async function ticketsOfChats(
  db: Database,
  chatIds: string[],
): Promise<Map<string, { id: string; number: number }>> {
  if (chatIds.length === 0) return new Map();
  const rows = await db
    .select({ id: tickets.id, number: tickets.number, chatId: tickets.chatId })
    .from(tickets)
    .where(anyOf(tickets.chatId, chatIds));
  return new Map(rows.map((row) => [row.chatId as string, { id: row.id, number: row.number }]));
}

/** SQL: the chat whose id the column holds was made into a ticket (chat history's condition). */
export const chatHasTicket = (chatId: SQLWrapper): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${tickets} where ${tickets.chatId} = ${chatId})`;

type Changes = Omit<UpdateTicketBody, "version">;

/**
 * Changes some of a ticket's fields, based on the version the operator saw: a closed ticket
 * refuses (ticket_closed), a colleague's newer change too (edit_conflict); a status the ticket
 * cannot move to, a processing type not offered or an assignee who may not chat for the service
 * is refused as its field. Nothing that stays the same is recorded.
 */
export function updateTicket(
  db: Database,
  input: { actorId: string; ticketId: string; version: number; changes: Changes },
): Promise<TicketRow> {
  return db.transaction(async (tx) => {
    const ticket = await lockOpenTicket(tx, input.ticketId);
    if (ticket.version !== input.version) {
      throw new AppError(
        "edit_conflict",
        409,
        `the ticket changed since version ${input.version} (it is at ${ticket.version}): reload it`,
      );
    }
    const entries = await changedFields(tx, ticket, input.changes);
    if (entries.length === 0) return ticket;
    const set: Partial<TicketRow> = Object.fromEntries(entries.map((entry) => entry.set));
    if (set.status) set.solvedAt = set.status === "solved" ? new Date() : null;
    const [row] = await tx
      .update(tickets)
      .set({ ...set, version: sql`${tickets.version} + 1`, updatedAt: sql`now()` })
      .where(eq(tickets.id, ticket.id))
      .returning();
    await tx.insert(ticketHistory).values(
      entries.map((entry) => ({
        ticketId: ticket.id,
        actorId: input.actorId,
        field: entry.field,
        before: entry.before,
        after: entry.after,
      })),
    );
    return row as TicketRow;
  });
}

interface ChangedField {
  field: TicketField;
  before: string | null;
  after: string | null;
  set: [keyof TicketRow, unknown];
}

async function changedFields(tx: Transaction, ticket: TicketRow, changes: Changes) {
  const entries: ChangedField[] = [];
  const { subject, status, processingTypeId, assigneeId } = changes;
  if (subject !== undefined && subject !== ticket.subject) {
    entries.push(field("subject", ticket.subject, subject, "subject"));
  }
  if (status !== undefined && status !== ticket.status) {
    requireStatusMove(ticket.status, status);
    entries.push(field("status", ticket.status, status, "status"));
  }
  if (processingTypeId !== undefined && processingTypeId !== ticket.processingTypeId) {
    if (processingTypeId) await requireOfferedType(tx, ticket.serviceId, processingTypeId);
    entries.push(
      field("processingType", ticket.processingTypeId, processingTypeId, "processingTypeId"),
    );
  }
  if (assigneeId !== undefined && assigneeId !== ticket.assigneeId) {
    if (assigneeId) await requireAssignable(tx, ticket.serviceId, assigneeId);
    entries.push(field("assignee", ticket.assigneeId, assigneeId, "assigneeId"));
  }
  return entries;
}

const field = (
  name: TicketField,
  before: string | null,
  after: string | null,
  column: keyof TicketRow,
): ChangedField => ({ field: name, before, after, set: [column, after] });

function requireStatusMove(from: TicketStatus, to: TicketStatus) {
  if (!ticketStatusMoves[from].includes(to)) {
    throw invalidField(
      { field: "status", reason: "invalid_choice" },
      `a ${from} ticket cannot become ${to}${to === "closed" ? " (it closes itself after it was solved)" : ""}`,
    );
  }
}

/** A processing type the service offers (not retired), else refused as the field. */
export async function requireOfferedType(
  tx: Database | Transaction,
  serviceId: string,
  id: string,
) {
  const type = await findProcessingType(tx, serviceId, id);
  if (!type || type.retiredAt) {
    throw invalidField(
      { field: "processingTypeId", reason: "invalid_choice" },
      type ? "this processing type is retired" : "no such processing type in this service",
    );
  }
}

/** An assignee serves the ticket's service: an active member with chat permission. */
async function requireAssignable(tx: Transaction, serviceId: string, operatorId: string) {
  const [operator, memberships] = await Promise.all([
    findActiveOperator(tx, operatorId),
    membershipsOf(tx, [operatorId]),
  ]);
  const membership = memberships.get(operatorId)?.find((row) => row.serviceId === serviceId);
  if (!operator || !mayBeAssigned(membership)) {
    throw invalidField(
      { field: "assigneeId", reason: "invalid_choice" },
      "the assignee must be an active operator of this service with chat permission",
    );
  }
}

/** Adds an internal note (never edited nor removed afterwards); the ticket counts as changed. */
export function addNote(
  db: Database,
  input: { actorId: string; ticketId: string; body: string },
): Promise<TicketRow> {
  return db.transaction(async (tx) => {
    const ticket = await lockOpenTicket(tx, input.ticketId);
    const [note] = await tx
      .insert(ticketNotes)
      .values({ ticketId: ticket.id, authorId: input.actorId, body: input.body })
      .returning({ id: ticketNotes.id });
    await tx
      .insert(ticketHistory)
      .values({ ticketId: ticket.id, actorId: input.actorId, field: "note", after: note?.id });
    const [row] = await tx
      .update(tickets)
      .set({ version: sql`${tickets.version} + 1`, updatedAt: sql`now()` })
      .where(eq(tickets.id, ticket.id))
      .returning();
    return row as TicketRow;
  });
}

/** The ticket under its row lock, unless it is closed: a closed ticket can no longer change. */
async function lockOpenTicket(tx: Transaction, ticketId: string): Promise<TicketRow> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for("update");
  if (!ticket) throw notFound("ticket_not_found", "this ticket");
  if (ticket.status === "closed") {
    throw new AppError("ticket_closed", 409, "this ticket is closed: it can no longer be changed");
  }
  return ticket;
}

/**
 * Closes the tickets solved two weeks ago or more, each with its history entry (by the system).
 * Safe in several processes at once: the update re-checks each row under its lock, so a ticket
 * is closed, and recorded, once. Returns how many it closed.
 */
export async function closeSolvedTickets(db: Database): Promise<number> {
  const cutoff = sql`now() - make_interval(days => ${SOLVED_TICKET_CLOSES_AFTER_DAYS})`;
  const result = await db.execute<{ id: string }>(sql`
    with closed as (
      update ${tickets} set status = 'closed',
        version = version + 1, updated_at = now()
      where ${and(eq(tickets.status, "solved"), lt(tickets.solvedAt, cutoff))}
      returning id
    )
    insert into ${ticketHistory} (ticket_id, field, before, after)
    select id, 'status', 'solved', 'closed' from closed
    returning ticket_id as id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}
