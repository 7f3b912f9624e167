/** A service's canned responses as server state, and the administrators' changes to them. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  CannedResponse,
  CannedResponseBody,
  CannedResponseListResponse,
} from "../../shared/canned-responses";
import { jsonBody, requestJson } from "../../shared/http";

const keyOf = (serviceId: string) => ["canned-responses", serviceId] as const;
const pathOf = (serviceId: string, id?: string) =>
  `/api/services/${serviceId}/canned-responses${id ? `/${id}` : ""}`;

export function useCannedResponses(serviceId: string, enabled = true) {
  return useQuery({
    queryKey: keyOf(serviceId),
    queryFn: () => requestJson<CannedResponseListResponse>(pathOf(serviceId)),
    enabled,
  });
}

/** Saves a new one (no id) or a change; the list refreshes once it is done. */
export function useSaveCannedResponse(serviceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: CannedResponseBody }) =>
      requestJson<{ cannedResponse: CannedResponse }>(
        pathOf(serviceId, input.id ?? undefined),
        jsonBody(input.id ? "PUT" : "POST", input.body),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keyOf(serviceId) }),
  });
}

export function useDeleteCannedResponse(serviceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => requestJson<void>(pathOf(serviceId, id), { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keyOf(serviceId) }),
  });
}
