/** The service's canned responses as the composer offers them: each in the chat's language, else
 *  in the service's default language (PRODUCT.md: "in the chat's language"). */

import { normalizeShortcut } from "../../shared/canned-responses";
import type { ChatSummary } from "../../shared/chat";
import { useCannedResponses } from "../canned-responses/api";
import { useServiceOf } from "./info/api";

export interface CannedText {
  id: string;
  title: string;
  shortcut: string;
  text: string;
}

/** Where the list is: its empty state says "loading" or "could not load", not "none". */
export type CannedStatus = "loading" | "failed" | "ready";

export function useCannedTexts(chat: ChatSummary | undefined): {
  texts: CannedText[];
  status: CannedStatus;
} {
  const responses = useCannedResponses(chat?.serviceId ?? "", Boolean(chat));
  const service = useServiceOf(chat?.serviceId ?? "");
  if (!chat) return { texts: [], status: "ready" };
  const status = responses.isError ? "failed" : responses.data ? "ready" : "loading";
  const fallback = service?.defaultLanguage;
  const texts = (responses.data?.cannedResponses ?? []).flatMap((response) => {
    const text =
      response.texts.find((candidate) => candidate.language === chat.language) ??
      response.texts.find((candidate) => candidate.language === fallback);
    return text ? [{ ...response, text: text.text }] : [];
  });
  return { texts, status };
}

/** The shortcut typed just before the caret ("…see /refund|"), when it is one of the service's:
 *  where it starts, and the response. */
export function shortcutBefore(
  body: string,
  caret: number,
  texts: CannedText[],
): { start: number; response: CannedText } | null {
  const match = /(?:^|\s)(\/[\p{L}\p{N}_-]{1,32})$/u.exec(body.slice(0, caret));
  if (!match?.[1]) return null;
  const typed = normalizeShortcut(match[1]);
  const response = texts.find((candidate) => candidate.shortcut === typed);
  return response ? { start: caret - match[1].length, response } : null;
}
