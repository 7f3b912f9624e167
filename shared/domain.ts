/**
 * The product's fixed sets, named once for the server, the SQL and both clients: chat states and the
 * sets of them that rules ask about, channels, languages, assignment reasons, device types. Free of
 * zod so that the console and the widget can import it.
 */
export const chatStates = ["queued", "waiting", "active", "ended_by_customer", "closed"] as const;
export type ChatState = (typeof chatStates)[number];

/** In the service's queue: requested while every online operator was at their limit, waiting
 *  without an operator for the first free slot (server/chats/queue.ts). */
export const queuedState = "queued" satisfies ChatState;

/** Not yet ended by the operator: the chat is in the operator's live workspace, and the operator
 *  may still write, rate, transfer and end it. */
export const liveStates = ["waiting", "active", "ended_by_customer"] as const;
/** Count against the operator's concurrent-chat limit (the in-chat count). */
export const heldStates = ["waiting", "active"] as const;
/** The customer may still write: until either side ends the chat (in the queue too: the
 *  operator who takes the chat reads what they wrote meanwhile). */
export const customerWritableStates = ["queued", ...heldStates] as const;

export const isLive = (state: ChatState) => (liveStates as readonly ChatState[]).includes(state);
export const isHeld = (state: ChatState) => (heldStates as readonly ChatState[]).includes(state);
export const isCustomerWritable = (state: ChatState) =>
  (customerWritableStates as readonly ChatState[]).includes(state);

/** Who wrote a message: the customer, the operator, or the system (greeting, transfers…). */
export const messageAuthors = ["customer", "operator", "system"] as const;

export const operatorRoles = ["administrator", "operator"] as const;
/** Only online operators get chats. */
export const operatorStatuses = ["online", "break", "offline"] as const;

/** Where a request came from: the help center, a company page carrying the widget (its URL is kept
 *  beside), or the inquiry form. */
export const channels = ["help_center", "widget", "inquiry_form"] as const;
export type Channel = (typeof channels)[number];

/** The languages a service can speak to its customers in, and the console's (languages.ts also
 *  says how a client picks one). */
export { type Language, languages } from "./languages.js";

/** What a ticket came from (PRODUCT.md, "Tickets"): a chat, or the inquiry form. Not a chat's
 *  channel: a ticket from a chat says so whatever page the chat came from. */
export const ticketChannels = ["chat", "form"] as const;
export type TicketChannel = (typeof ticketChannels)[number];

/** A ticket's statuses, in the order a ticket usually passes them; closed is the end. */
export const ticketStatuses = ["new", "open", "pending", "solved", "closed"] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** The statuses an operator may move a ticket to from each one. Nothing returns to new; only the
 *  system closes a ticket (two weeks after it was solved), and nothing leaves closed. */
export const ticketStatusMoves: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["open", "pending", "solved"],
  open: ["pending", "solved"],
  pending: ["open", "solved"],
  solved: ["open", "pending"],
  closed: [],
};

/** What a ticket's history entry is about. */
export const ticketFields = [
  "created",
  "subject",
  "status",
  "processingType",
  "assignee",
  "note",
] as const;
export type TicketField = (typeof ticketFields)[number];

/** Why a chat went to an operator: its request, a transfer by its operator, or the system moving
 *  it from an operator who stopped being available. */
export const assignmentReasons = ["requested", "transferred", "reassigned"] as const;
export type AssignmentReason = (typeof assignmentReasons)[number];

/** How a device is stored and sent: parts, put into words by each client in its reader's language. */
export const deviceTypes = ["desktop", "mobile", "tablet", "other"] as const;
export type DeviceType = (typeof deviceTypes)[number];

/** What an audit-log entry is about: the things service management changes (PRODUCT.md). */
export const auditSubjects = [
  "service",
  "operator",
  "membership",
  "category",
  "canned_response",
  "help_center",
  "faq_entry",
  "setting",
  "message",
] as const;
export type AuditSubject = (typeof auditSubjects)[number];
