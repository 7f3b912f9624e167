/** The widget's REST calls, same origin as the iframe. The server validates with the shared
 *  schemas; the widget takes only their types, to stay small. */
import type { StartChatBody, StartChatResponse, WidgetServiceResponse } from "../../shared/api";
import type { ErrorBody, ErrorCode } from "../../shared/errors";

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | "network_error",
    readonly field?: string,
  ) {
    super(code);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError("network_error");
  }
  if (response.ok) return (await response.json()) as T;
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  throw new ApiError(body?.error?.code ?? "internal_error", body?.error?.field);
}

export function fetchService(serviceKey: string): Promise<WidgetServiceResponse> {
  return request(`/api/widget/services/${encodeURIComponent(serviceKey)}`);
}

export function startChat(body: StartChatBody): Promise<StartChatResponse> {
  return request("/api/widget/chats", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
