import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { chatParams } from "../../shared/api.js";
import {
  addNoteBody,
  createdTicketResponse,
  existingTicketResponse,
  type TicketDetail,
  ticketAssigneesResponse,
  ticketListQuery,
  ticketListResponse,
  ticketParams,
  ticketResponse,
  updateTicketBody,
} from "../../shared/tickets.js";
import { requireOperator } from "../auth/authenticate.js";
import { mayViewRecord } from "../chats/policy.js";
import { findChat, firstCustomerMessage, messagesAfter } from "../chats/queries.js";
import type { AppContext } from "../context.js";
import type { Database } from "../db/client.js";
import { fieldsFrom, notFound } from "../errors.js";
import { chatMembers, type OperatorRow } from "../operators/operators.js";
import { listServicesFor } from "../services/services.js";
import { publishTicketChange } from "./events.js";
import { mayWorkOnTicket } from "./policy.js";
import { listTickets, notesAndHistory, presentTickets } from "./queries.js";
import { subjectFrom } from "./subject.js";
import { addNote, findTicket, openTicketForChat, type TicketRow, updateTicket } from "./tickets.js";

const tags = ["tickets"];
const noSuchTicket = {
  ticket_not_found: "no ticket has this id, or it is of a service the operator is not a member of",
};
const closed = { ticket_closed: "the ticket is closed: it can no longer be changed" };

/** How long a transcript the ticket's page shows: a chat longer than this shows its start. */
const TRANSCRIPT_LIMIT = 2000;

/** The ticket, when the operator may work on it; to anyone else it does not exist. */
async function workableTicket(db: Database, operator: OperatorRow, ticketId: string) {
  const ticket = await findTicket(db, ticketId);
  if (!ticket || !mayWorkOnTicket(operator, ticket, await listServicesFor(db, operator))) {
    throw notFound("ticket_not_found", "this ticket");
  }
  return ticket;
}

/** A ticket with all its page shows: notes, history, and a chat's transcript. */
async function ticketPage(db: Database, row: TicketRow): Promise<TicketDetail> {
  const [[summary], { notes, history }, transcript] = await Promise.all([
    presentTickets(db, [row]),
    notesAndHistory(db, row.id),
    row.chatId ? messagesAfter(db, row.chatId, 0, TRANSCRIPT_LIMIT) : null,
  ]);
  if (!summary) throw new Error(`ticket ${row.id} has no customer`);
  return { ...summary, form: row.form, notes, history, transcript };
}

export const ticketRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;

  app.post(
    "/api/chats/:chatId/ticket",
    {
      schema: {
        tags,
        summary: "Create a ticket from a chat",
        description:
          "Create ticket, for the members of the chat's service (and administrators), while the chat is live or after it ended. The ticket has channel \"chat\", the chat's customer and processing type, and for subject the first line of the customer's first message (shortened to about 80 characters). A chat becomes one ticket: 201 when it is made now, 200 with the ticket the chat already has (also when two operators ask at once). The chat then names its ticket (`ticket`).",
        params: chatParams,
        access: "operator",
        response: { 200: existingTicketResponse, 201: createdTicketResponse },
        errors: {
          chat_not_found:
            "no chat has this id, or it is of a service the operator is not a member of",
        },
      },
    },
    async (request, reply) => {
      const operator = await requireOperator(db, request);
      const chat = await findChat(db, request.params.chatId);
      if (!chat || !mayViewRecord(operator, chat, await listServicesFor(db, operator))) {
        throw notFound("chat_not_found", "this chat");
      }
      const { ticket, created } = await openTicketForChat(db, {
        actorId: operator.id,
        chat,
        subject: subjectFrom(await firstCustomerMessage(db, chat.id)),
      });
      if (created) await publishTicketChange(context, ticket);
      reply.status(created ? 201 : 200);
      return { ticket: await ticketPage(db, ticket) };
    },
  );

  app.get(
    "/api/tickets",
    {
      schema: {
        tags,
        summary: "List tickets",
        description:
          'The tickets of the services the operator is a member of (an administrator: every service), last updated first, a page at a time: give `nextCursor` back as `cursor` for the next. Filters: `serviceId`, `status`, `channel`, `assignee` (an operator\'s id, "me" or "unassigned"), `processingTypeId` (that type and every type under it), and `q`: words that must each be in the subject or in a note, without regard to case.',
        querystring: ticketListQuery,
        access: "operator",
        response: { 200: ticketListResponse },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      const { serviceId } = request.query;
      const serviceIds = (await listServicesFor(db, operator)).filter(
        (id) => !serviceId || id === serviceId,
      );
      return listTickets(db, { serviceIds, operatorId: operator.id, query: request.query });
    },
  );

  app.get(
    "/api/tickets/:ticketId",
    {
      schema: {
        tags,
        summary: "Show a ticket",
        description:
          "The ticket with its internal notes and its history (every change: who, what, from and to, when), oldest first; for a ticket from a chat the chat's transcript, for one from the inquiry form what the customer sent.",
        params: ticketParams,
        access: "operator",
        response: { 200: ticketResponse },
        errors: noSuchTicket,
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      const ticket = await workableTicket(db, operator, request.params.ticketId);
      return { ticket: await ticketPage(db, ticket) };
    },
  );

  app.patch(
    "/api/tickets/:ticketId",
    {
      schema: {
        tags,
        summary: "Change a ticket",
        description:
          "Changes the fields given (subject, status, processing type, assignee; null clears the last two), based on the `version` the operator saw; each change is one history entry. A status moves new → open, pending or solved; open ⇄ pending; either → solved; solved → open or pending; nothing returns to new, and only the system closes a ticket, 14 days after it was solved. The processing type must be one of the service's not retired; the assignee an active member of the service with chat permission.",
        params: ticketParams,
        body: updateTicketBody,
        access: "operator",
        response: { 200: ticketResponse },
        errors: {
          ...noSuchTicket,
          ...closed,
          edit_conflict:
            "the ticket changed since `version` (a colleague's edit): load it again and choose",
          validation_failed:
            "`body.status` is not a move the ticket can make, `body.processingTypeId` is not one of the service's types in use, or `body.assigneeId` may not take the service's tickets (reason invalid_choice)",
        },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      const { ticketId } = request.params;
      await workableTicket(db, operator, ticketId);
      const { version, ...changes } = request.body;
      const ticket = await fieldsFrom("body", () =>
        updateTicket(db, { actorId: operator.id, ticketId, version, changes }),
      );
      await publishTicketChange(context, ticket);
      return { ticket: await ticketPage(db, ticket) };
    },
  );

  app.post(
    "/api/tickets/:ticketId/notes",
    {
      schema: {
        tags,
        summary: "Add an internal note",
        description:
          "An internal note for the service's operators (never sent to the customer). Notes are kept as written: none is edited or removed. The history records it.",
        params: ticketParams,
        body: addNoteBody,
        access: "operator",
        response: { 201: ticketResponse },
        errors: { ...noSuchTicket, ...closed },
      },
    },
    async (request, reply) => {
      const operator = await requireOperator(db, request);
      const { ticketId } = request.params;
      await workableTicket(db, operator, ticketId);
      const ticket = await addNote(db, { actorId: operator.id, ticketId, body: request.body.body });
      await publishTicketChange(context, ticket);
      reply.status(201);
      return { ticket: await ticketPage(db, ticket) };
    },
  );

  app.get(
    "/api/tickets/:ticketId/assignees",
    {
      schema: {
        tags,
        summary: "List whom a ticket can be assigned to",
        description:
          "The active operators of the ticket's service with chat permission, by name: the choices for its assignee.",
        params: ticketParams,
        access: "operator",
        response: { 200: ticketAssigneesResponse },
        errors: noSuchTicket,
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      const ticket = await workableTicket(db, operator, request.params.ticketId);
      return { operators: await chatMembers(db, ticket.serviceId) };
    },
  );
};
