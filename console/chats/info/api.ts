/** The chat's info on the server: its save, and what the form needs of the chat's service. */
import { useQuery } from "@tanstack/react-query";
import type { ChatInfoBody, ServiceListResponse } from "../../../shared/api";
import type { ChatSummary } from "../../../shared/chat";
import { jsonBody, requestJson } from "../../../shared/http";
import type { InfoDraft } from "./drafts";

export function saveChatInfo(chatId: string, body: ChatInfoBody): Promise<{ chat: ChatSummary }> {
  return requestJson(`/api/chats/${chatId}/info`, jsonBody("PUT", body));
}

const textOrNull = (value: string) => value.trim() || null;

/** A draft as the server takes it, based on the versions given (the draft's own, or the newer
 *  ones a conflict showed, when the operator keeps theirs). */
export function infoBody(
  draft: InfoDraft,
  versions: Pick<InfoDraft, "customerVersion" | "chatVersion">,
): ChatInfoBody {
  const { values } = draft;
  return {
    customer: {
      version: versions.customerVersion,
      name: textOrNull(values.name),
      email: textOrNull(values.email),
      notes: textOrNull(values.notes),
    },
    inquiry: { version: versions.chatVersion, processingTypeId: values.processingTypeId },
  };
}

/** The chat's service as the operator's service list has it (its default language). */
export function useServiceOf(serviceId: string) {
  const services = useQuery({
    queryKey: ["services"],
    queryFn: () => requestJson<ServiceListResponse>("/api/services"),
  });
  return services.data?.services.find((service) => service.id === serviceId);
}
