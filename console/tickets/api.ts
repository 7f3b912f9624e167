/** Tickets as server state: the list (pages by cursor), one ticket, and the changes to it. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { ApiError, jsonBody, requestJson } from "../../shared/http";
import type {
  AddNoteBody,
  TicketAssigneesResponse,
  TicketListResponse,
  TicketResponse,
  UpdateTicketBody,
} from "../../shared/tickets";
import { useWorkspaceContext } from "../chats/workspace";
import type { ListFilters } from "./filters";

/** The list (no ticket named) or one ticket is read again when the socket says a ticket was made
 *  or changed elsewhere: an inquiry form, a chat, a colleague's edit. */
function useTicketNotices(ticketId?: string) {
  const queryClient = useQueryClient();
  const { on } = useWorkspaceContext();
  useEffect(
    () =>
      on("ticket", (notice) => {
        if (!ticketId) void queryClient.invalidateQueries({ queryKey: ["tickets"] });
        else if (notice.ticketId === ticketId) {
          void queryClient.invalidateQueries({ queryKey: keyOf(ticketId) });
        }
      }),
    [on, queryClient, ticketId],
  );
}

export function useTickets(filters: ListFilters) {
  useTicketNotices();
  return useInfiniteQuery({
    queryKey: ["tickets", filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ ...filters, limit: "50" });
      if (pageParam) query.set("cursor", pageParam);
      return requestJson<TicketListResponse>(`/api/tickets?${query}`);
    },
    getNextPageParam: (page) => page.nextCursor,
  });
}

const keyOf = (ticketId: string) => ["ticket", ticketId] as const;

export function useTicket(ticketId: string) {
  useTicketNotices(ticketId);
  return useQuery({
    queryKey: keyOf(ticketId),
    queryFn: () => requestJson<TicketResponse>(`/api/tickets/${ticketId}`),
    // A ticket that does not exist (or is not of the operator's services) will not appear later.
    retry: (count, error) =>
      count < 1 && !(error instanceof ApiError && error.code === "ticket_not_found"),
  });
}

export function useAssignees(ticketId: string) {
  return useQuery({
    queryKey: ["ticket-assignees", ticketId],
    queryFn: () => requestJson<TicketAssigneesResponse>(`/api/tickets/${ticketId}/assignees`),
  });
}

/** A change that answers the ticket: the page shows the answer, and the list is stale. A
 *  refusal (a colleague's newer change, a closed ticket) reloads the ticket as it is now. */
function useTicketChange<Input>(ticketId: string, send: (input: Input) => Promise<TicketResponse>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (answer) => queryClient.setQueryData(keyOf(ticketId), answer),
    onError: () => queryClient.invalidateQueries({ queryKey: keyOf(ticketId) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["tickets"] }),
  });
}

export function useUpdateTicket(ticketId: string) {
  return useTicketChange(ticketId, (body: UpdateTicketBody) =>
    requestJson<TicketResponse>(`/api/tickets/${ticketId}`, jsonBody("PATCH", body)),
  );
}

export function useAddNote(ticketId: string) {
  return useTicketChange(ticketId, (body: AddNoteBody) =>
    requestJson<TicketResponse>(`/api/tickets/${ticketId}/notes`, jsonBody("POST", body)),
  );
}
