/** The embed settings of a service, as every embed screen shares them (one query per service). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  EmbedSettingsResponse,
  IdentitySecretResponse,
  UpdateEmbedSettingsBody,
} from "../../shared/api";
import { jsonBody, requestJson } from "../../shared/http";

const key = (serviceId: string) => ["services", serviceId, "embed"];

export function useEmbedSettings(serviceId: string) {
  return useQuery({
    queryKey: key(serviceId),
    queryFn: () => requestJson<EmbedSettingsResponse>(`/api/services/${serviceId}/embed`),
    select: (response) => response.settings,
  });
}

export function useUpdateEmbedSettings(serviceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateEmbedSettingsBody) =>
      requestJson<EmbedSettingsResponse>(
        `/api/services/${serviceId}/embed`,
        jsonBody("PATCH", body),
      ),
    onSuccess: (response) => client.setQueryData(key(serviceId), response),
  });
}

/** A new identity secret: the response is the only place it is ever seen. */
export function useRotateIdentitySecret(serviceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      requestJson<IdentitySecretResponse>(`/api/services/${serviceId}/identity-secret`, {
        method: "POST",
      }),
    onSuccess: ({ settings }) => client.setQueryData(key(serviceId), { settings }),
  });
}
