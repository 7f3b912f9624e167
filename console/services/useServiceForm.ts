/** A settings form of one service: a draft of some of its fields, saved through one request; on
 *  success every screen's copy of the service (the ["services"] query) takes the server's answer. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { ServiceListResponse, ServiceResponse, ServiceSummary } from "../../shared/api";
import { jsonBody, requestJson } from "../../shared/http";
import { useServerErrors } from "../app/forms";

/** Sends a change of the service and puts the answer in the services list. */
export function useServiceChange(serviceId: string, path = "") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ method, body }: { method: "POST" | "PUT" | "PATCH"; body?: unknown }) =>
      requestJson<ServiceResponse>(`/api/services/${serviceId}${path}`, jsonBody(method, body)),
    onSuccess: ({ service }) => rememberService(queryClient, service),
  });
}

export function rememberService(
  queryClient: ReturnType<typeof useQueryClient>,
  service: ServiceSummary,
) {
  queryClient.setQueryData<ServiceListResponse>(["services"], (old) => {
    if (!old) return old;
    const known = old.services.some((each) => each.id === service.id);
    return {
      services: known
        ? old.services.map((each) => (each.id === service.id ? service : each))
        : [...old.services, service],
    };
  });
}

export function useServiceForm<T extends object>(options: {
  service: ServiceSummary;
  /** The form's fields as the service has them now. */
  fields: (service: ServiceSummary) => T;
  /** The request that saves the draft. */
  method?: "PUT" | "PATCH";
  path?: string;
  body?: (draft: T) => unknown;
}) {
  const { service, fields, method = "PATCH", path = "", body = (draft: T) => draft } = options;
  const [draft, setDraft] = useState<T>(() => fields(service));
  const change = useServiceChange(service.id, path);
  const errors = useServerErrors(change.error);
  const dirty = JSON.stringify(draft) !== JSON.stringify(fields(service));
  return {
    draft,
    update: (patch: Partial<T>) => setDraft((current) => ({ ...current, ...patch })),
    errors,
    /** What the form's SaveBar shows. */
    saveBar: { dirty, saving: change.isPending, saved: change.isSuccess, formError: errors.form },
    submit: (event: FormEvent) => {
      event.preventDefault();
      change.mutate(
        { method, body: body(draft) },
        { onSuccess: ({ service: saved }) => setDraft(fields(saved)) },
      );
    },
  };
}
