/** Tickets (PRODUCT.md, "Tickets"; issue 12): what chats and the inquiry form become, and the
 *  console's list and detail of them. */
import { z } from "zod";
import { nameComponents } from "./api.js";
import { attachment } from "./attachments.js";
import { customer, message, storable } from "./chat.js";
import { ticketChannels, ticketFields, ticketStatuses } from "./domain.js";
import { MAX_TICKET_NOTE_LENGTH, MAX_TICKET_SUBJECT_LENGTH } from "./limits.js";

export const ticketStatus = z.enum(ticketStatuses);
export const ticketChannel = z.enum(ticketChannels);

/** What the customer wrote in the inquiry form, kept as they sent it: the ticket's subject and
 *  processing type start from it and may be changed; this stays. */
export const ticketForm = z.object({
  name: z.string(),
  email: z.string(),
  subject: z.string(),
  message: z.string(),
  processingTypeId: z.string().nullable(),
  /** The file the customer sent with it; absent when they sent none. */
  attachment: attachment.optional(),
});
export type TicketForm = z.infer<typeof ticketForm>;

/** A ticket as the console's list shows it. */
export const ticketSummary = z.object({
  id: z.string(),
  /** The ticket's number, shown as "#123" and given to a customer as a reference. */
  number: z.number().int().positive(),
  serviceId: z.string(),
  serviceName: z.string(),
  subject: z.string(),
  status: ticketStatus,
  channel: ticketChannel,
  /** The chat it was made from, for channel "chat". */
  chatId: z.string().nullable(),
  customer,
  processingTypeId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Raised by every change: an edit names the version it started from (conflicts are refused). */
  version: z.number().int().positive(),
});
export type TicketSummary = z.infer<typeof ticketSummary>;

export const ticketNote = z.object({
  id: z.string(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type TicketNote = z.infer<typeof ticketNote>;

/** One change of a ticket: who (null: the system), which field, from what to what, when. Values
 *  are as stored: a status word, a processing type's or an operator's id (with the operator's
 *  name), a subject; for "note", the note's id. */
export const ticketChange = z.object({
  id: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  field: z.enum(ticketFields),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** For an assignee change: the operators' names. */
  fromName: z.string().nullable(),
  toName: z.string().nullable(),
  at: z.string(),
});
export type TicketChange = z.infer<typeof ticketChange>;

/** A ticket with everything its page shows. */
export const ticketDetail = ticketSummary.extend({
  /** For channel "form": what the customer sent. */
  form: ticketForm.nullable(),
  /** Oldest first; never edited nor removed. */
  notes: z.array(ticketNote),
  /** Oldest first. */
  history: z.array(ticketChange),
  /** For channel "chat": the chat's transcript, in order. */
  transcript: z.array(message).nullable(),
});
export type TicketDetail = z.infer<typeof ticketDetail>;

export const ticketParams = z.object({ ticketId: z.uuid() });

/** A cursor as a list answered it: opaque to clients. */
const cursor = z.string().regex(/^\d{1,20}\.[0-9a-f-]{36}$/, "not a cursor this list gave");

export const ticketListQuery = z.object({
  serviceId: z.uuid().optional(),
  status: ticketStatus.optional(),
  channel: ticketChannel.optional(),
  /** An operator's id, "me", or "unassigned". */
  assignee: z.union([z.uuid(), z.enum(["me", "unassigned"])]).optional(),
  /** The type or any type below it. */
  processingTypeId: z.uuid().optional(),
  /** Words that must each be in the subject or in a note (case-insensitive). */
  q: z.string().trim().max(200).optional(),
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;
export type TicketFilters = z.input<typeof ticketListQuery>;

export const ticketListResponse = z.object({
  tickets: z.array(ticketSummary),
  /** Give it back as `cursor` for the next page; null: this was the last. */
  nextCursor: z.string().nullable(),
});
export type TicketListResponse = z.infer<typeof ticketListResponse>;

/** Whom a ticket may be assigned to: its service's active operators with chat permission. */
export const ticketAssigneesResponse = z.object({
  operators: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TicketAssigneesResponse = z.infer<typeof ticketAssigneesResponse>;

export const ticketResponse = z.object({ ticket: ticketDetail });
export type TicketResponse = z.infer<typeof ticketResponse>;
/** The same body, for Create ticket's two answers: made now (201), or the one the chat had (200). */
export const createdTicketResponse = z.object({ ticket: ticketDetail });
export const existingTicketResponse = z.object({ ticket: ticketDetail });

export const ticketSubject = storable(z.string().trim().min(1).max(MAX_TICKET_SUBJECT_LENGTH));

/** A change of some of a ticket's fields, based on the version the operator saw. */
export const updateTicketBody = z.object({
  version: z.number().int().positive(),
  subject: ticketSubject.optional(),
  status: ticketStatus.optional(),
  processingTypeId: z.uuid().nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
});
export type UpdateTicketBody = z.infer<typeof updateTicketBody>;

export const addNoteBody = z.object({
  body: storable(
    z
      .string()
      .max(MAX_TICKET_NOTE_LENGTH)
      .refine((body) => body.trim().length > 0, "a note cannot be empty"),
  ),
});
export type AddNoteBody = z.infer<typeof addNoteBody>;

/** Named components of the OpenAPI document, as shared/api.ts names its own. */
nameComponents([
  [ticketForm, "TicketForm", "What the customer sent in the inquiry form"],
  [ticketSummary, "TicketSummary", "A ticket as the list shows it"],
  [ticketNote, "TicketNote", "An internal note on a ticket"],
  [ticketChange, "TicketChange", "One change in a ticket's history"],
  [ticketDetail, "Ticket", "A ticket with its notes, history and, for a chat's, the transcript"],
  [ticketListResponse, "TicketList", "A page of tickets, last updated first"],
  [ticketResponse, "TicketResponse", "The ticket"],
  [createdTicketResponse, "CreatedTicket", "The ticket, made from the chat now"],
  [
    existingTicketResponse,
    "ExistingTicket",
    "The ticket the chat already had: it is not made twice",
  ],
  [ticketAssigneesResponse, "TicketAssignees", "The operators a ticket may be assigned to"],
  [updateTicketBody, "TicketEdit", "The fields to change, and the version seen"],
  [addNoteBody, "NewTicketNote", "An internal note to add"],
]);
