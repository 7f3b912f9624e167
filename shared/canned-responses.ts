/** Canned responses (issue 11): texts an operator inserts by title or shortcut, per service,
 *  written once per language. Administrators manage them; the service's operators use them. */
import { z } from "zod";
import { nameComponents } from "./api.js";
import { language, storable } from "./chat.js";

export const MAX_CANNED_TEXT_LENGTH = 4000;

/**
 * A shortcut is "/" and then 1 to 32 letters (any script), digits, "-" or "_": no spaces, so an
 * operator can type it in the composer and the word ends where the shortcut ends. Compared
 * without case and width (NFKC, lower case), so "/Refund" and "/refund" are one shortcut.
 */
export const shortcutPattern = /^\/[\p{L}\p{N}_-]{1,32}$/u;
export const normalizeShortcut = (shortcut: string) => shortcut.normalize("NFKC").toLowerCase();

export const cannedResponseText = z.object({
  language,
  text: storable(z.string().trim().min(1).max(MAX_CANNED_TEXT_LENGTH)),
});

export const cannedResponse = z.object({
  id: z.string(),
  serviceId: z.string(),
  title: z.string(),
  shortcut: z.string(),
  /** One per language it is written in. */
  texts: z.array(cannedResponseText),
});
export type CannedResponse = z.infer<typeof cannedResponse>;

export const cannedResponseBody = z.object({
  title: storable(z.string().trim().min(1).max(100)),
  /** Stored normalised (normalizeShortcut). */
  shortcut: z.string().trim().regex(shortcutPattern, "must be / and 1–32 letters, digits, - or _"),
  /** At least one language; each language once. */
  texts: z
    .array(cannedResponseText)
    .min(1)
    .max(3)
    .refine(
      (texts) => new Set(texts.map((text) => text.language)).size === texts.length,
      "each language at most once",
    ),
});
export type CannedResponseBody = z.infer<typeof cannedResponseBody>;

export const serviceParams = z.object({ serviceId: z.uuid() });
export const cannedResponseParams = serviceParams.extend({ cannedResponseId: z.uuid() });

export const cannedResponseQuery = z.object({
  /** Only the responses written in this language, with that language's text. */
  language: language.optional(),
});

export const cannedResponseResponse = z.object({ cannedResponse });
export const cannedResponseListResponse = z.object({ cannedResponses: z.array(cannedResponse) });
export type CannedResponseListResponse = z.infer<typeof cannedResponseListResponse>;

/** Named components of the OpenAPI document, as shared/api.ts names its own. */
nameComponents([
  [cannedResponse, "CannedResponse", "A canned response: title, shortcut and its texts"],
  [cannedResponseBody, "CannedResponseFields", "A canned response's title, shortcut and texts"],
  [cannedResponseResponse, "CannedResponseResponse", "The canned response"],
  [cannedResponseListResponse, "CannedResponseList", "A service's canned responses"],
]);
