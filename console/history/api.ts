/** Chat history from the server: the list for the conditions in the URL, a page at a time, and
 *  one chat's record for the panel. */
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type {
  HistoryChatResponse,
  HistoryListResponse,
  HistoryOperatorsResponse,
} from "../../shared/history";
import { requestJson } from "../../shared/http";

/** The search conditions as the URL and the API both spell them. */
export const conditionNames = [
  "serviceId",
  "from",
  "to",
  "status",
  "operatorId",
  "processingTypeId",
  "rating",
  "channel",
  "hasTicket",
  "customer",
  "words",
] as const;
export type ConditionName = (typeof conditionNames)[number];
export type Conditions = Partial<Record<ConditionName, string>>;

/** The conditions a URL's query holds; anything else in it is left alone. */
export function conditionsOf(params: URLSearchParams): Conditions {
  const conditions: Conditions = {};
  for (const name of conditionNames) {
    const value = params.get(name);
    if (value) conditions[name] = value;
  }
  return conditions;
}

export function queryOf(conditions: Conditions): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of conditionNames) {
    const value = conditions[name]?.trim();
    if (value) query.set(name, value);
  }
  return query;
}

export function useHistory(conditions: Conditions) {
  return useInfiniteQuery({
    queryKey: ["history", conditions],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = queryOf(conditions);
      query.set("limit", "50");
      if (pageParam) query.set("cursor", pageParam);
      return requestJson<HistoryListResponse>(`/api/history/chats?${query}`);
    },
    getNextPageParam: (page) => page.next,
    // The list stays while a new search loads, instead of flashing empty.
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useHistoryChat(chatId: string) {
  return useQuery({
    queryKey: ["history-chat", chatId],
    queryFn: () => requestJson<HistoryChatResponse>(`/api/history/chats/${chatId}`),
    retry: false,
  });
}

export function useHistoryOperators() {
  return useQuery({
    queryKey: ["history-operators"],
    queryFn: () => requestJson<HistoryOperatorsResponse>("/api/history/operators"),
  });
}
