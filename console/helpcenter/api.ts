/** A service's help center as server state, and the administrators' changes to it. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  FaqEntry,
  FaqEntryBody,
  HelpCenterResponse,
  Introduction,
} from "../../shared/help-center";
import { jsonBody, requestJson } from "../../shared/http";

const keyOf = (serviceId: string) => ["help-center", serviceId] as const;
const pathOf = (serviceId: string, rest = "") => `/api/services/${serviceId}/help-center${rest}`;
const entryPath = (serviceId: string, id?: string | null) =>
  pathOf(serviceId, `/faq-entries${id ? `/${id}` : ""}`);

export function useHelpCenter(serviceId: string) {
  return useQuery({
    queryKey: keyOf(serviceId),
    queryFn: () => requestJson<HelpCenterResponse>(pathOf(serviceId)),
  });
}

/** Every change refreshes the help center once it is done, whether it succeeded or not. */
function useHelpCenterChange<Input, Result>(
  serviceId: string,
  change: (input: Input) => Promise<Result>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: () => queryClient.invalidateQueries({ queryKey: keyOf(serviceId) }),
  });
}

export const useSaveIntroduction = (serviceId: string) =>
  useHelpCenterChange(serviceId, (introduction: Introduction) =>
    requestJson<{ introduction: Introduction }>(
      pathOf(serviceId, "/introduction"),
      jsonBody("PUT", { introduction }),
    ),
  );

/** Saves a new entry (no id) or a change of one. */
export const useSaveFaqEntry = (serviceId: string) =>
  useHelpCenterChange(serviceId, (input: { id: string | null; body: FaqEntryBody }) =>
    requestJson<{ faqEntry: FaqEntry }>(
      entryPath(serviceId, input.id),
      jsonBody(input.id ? "PUT" : "POST", input.body),
    ),
  );

export const useMoveFaqEntry = (serviceId: string) =>
  useHelpCenterChange(serviceId, (input: { id: string; position: number }) =>
    requestJson<{ faqEntry: FaqEntry }>(
      `${entryPath(serviceId, input.id)}/move`,
      jsonBody("POST", { position: input.position }),
    ),
  );

export const useDeleteFaqEntry = (serviceId: string) =>
  useHelpCenterChange(serviceId, (id: string) =>
    requestJson<void>(entryPath(serviceId, id), { method: "DELETE" }),
  );
