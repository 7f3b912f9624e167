/** The widget's REST calls, same origin as the iframe. The server validates with the shared
 *  schemas; the widget takes only their types, to stay small. */
import type {
  StartChatBody,
  StartChatResponse,
  WidgetProcessingTypesResponse,
  WidgetServiceResponse,
} from "../../shared/api";
import { jsonBody, requestJson } from "../../shared/http";
import type { InquiryBody, InquiryResponse } from "../../shared/inquiries";

export { ApiError } from "../../shared/http";

/** The service as the customer's language shows it (its consent text). */
export function fetchService(serviceKey: string, language: string): Promise<WidgetServiceResponse> {
  return requestJson(
    `/api/widget/services/${encodeURIComponent(serviceKey)}?language=${encodeURIComponent(language)}`,
  );
}

/** The topics the inquiry form offers, in the customer's language. */
export function fetchProcessingTypes(
  serviceKey: string,
  language: string,
): Promise<WidgetProcessingTypesResponse> {
  return requestJson(
    `/api/widget/services/${encodeURIComponent(serviceKey)}/processing-types?language=${encodeURIComponent(language)}`,
  );
}

export function startChat(body: StartChatBody): Promise<StartChatResponse> {
  return requestJson("/api/widget/chats", jsonBody("POST", body));
}

export function sendInquiry(serviceKey: string, body: InquiryBody): Promise<InquiryResponse> {
  return requestJson(
    `/api/widget/services/${encodeURIComponent(serviceKey)}/inquiries`,
    jsonBody("POST", body),
  );
}
