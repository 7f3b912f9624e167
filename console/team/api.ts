/** The operators' list and every change administrators make to it, as server state. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { OperatorListResponse } from "../../shared/api";
import { jsonBody, requestJson } from "../../shared/http";
import type {
  CreateOperatorBody,
  ManagedOperatorResponse,
  OperatorPasswordResponse,
  UpdateOperatorBody,
} from "../../shared/operators";

/** How often administrators' view of presence refreshes itself. */
const REFRESH_MS = 5000;
const operatorsKey = ["operators"] as const;

export function useOperators() {
  return useQuery({
    queryKey: operatorsKey,
    queryFn: () => requestJson<OperatorListResponse>("/api/operators"),
    refetchInterval: REFRESH_MS,
  });
}

/** A change that refreshes the list once it is done, whatever became of it. */
function useOperatorChange<T, R>(change: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: () => queryClient.invalidateQueries({ queryKey: operatorsKey }),
  });
}

/** Creates the operator in their services; the answer holds the password to show once. */
export const useCreateOperator = () =>
  useOperatorChange((account: CreateOperatorBody) =>
    requestJson<OperatorPasswordResponse>("/api/operators", jsonBody("POST", account)),
  );

export const useUpdateOperator = () =>
  useOperatorChange((input: { id: string; changes: UpdateOperatorBody }) =>
    requestJson<ManagedOperatorResponse>(
      `/api/operators/${input.id}`,
      jsonBody("PATCH", input.changes),
    ),
  );

export const useResetPassword = () =>
  useOperatorChange((operatorId: string) =>
    requestJson<OperatorPasswordResponse>(`/api/operators/${operatorId}/password-reset`, {
      method: "POST",
    }),
  );

export const useSetActive = () =>
  useOperatorChange((input: { id: string; active: boolean }) =>
    requestJson<ManagedOperatorResponse>(
      `/api/operators/${input.id}/${input.active ? "reactivate" : "deactivate"}`,
      { method: "POST" },
    ),
  );
