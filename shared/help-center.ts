/** The help center's REST bodies (issue 14): a service's introduction and its FAQ, per language,
 *  as administrators manage them. Customers read them as pages at /h/<serviceKey>/. */
import { z } from "zod";
import { nameComponents } from "./api.js";
import { storable } from "./chat.js";
import { languages } from "./domain.js";

export const MAX_FAQ_TITLE_LENGTH = 200;
export const MAX_FAQ_ANSWER_LENGTH = 10_000;
export const MAX_INTRODUCTION_LENGTH = 2000;
/** A search is at most this long: longer text is no question a visitor types. */
export const MAX_FAQ_QUERY_LENGTH = 200;

const language = z.enum(languages);

/** One language's question and answer. The answer is Markdown of a small safe subset
 *  (paragraphs, line breaks, bold, italic, lists, http/https/mailto links, inline code). */
export const faqText = z.object({
  title: storable(z.string().trim().max(MAX_FAQ_TITLE_LENGTH)),
  answer: storable(z.string().trim().max(MAX_FAQ_ANSWER_LENGTH)),
});

/** By language; a language with a blank title and a blank answer is not written in. The
 *  service's default language is needed (the server checks: it knows the service). */
export const faqTexts = z.partialRecord(language, faqText);
export type FaqTexts = z.infer<typeof faqTexts>;

export const faqEntry = z.object({
  id: z.string(),
  /** Order in the help center, 0 first, without gaps. */
  position: z.number().int(),
  /** Only published entries are shown to customers. */
  published: z.boolean(),
  texts: faqTexts,
});
export type FaqEntry = z.infer<typeof faqEntry>;

export const faqEntryBody = z.object({ published: z.boolean(), texts: faqTexts });
export type FaqEntryBody = z.infer<typeof faqEntryBody>;

/** Where the entry goes: an index in the list (past the end: last). */
export const moveFaqEntryBody = z.object({ position: z.number().int().min(0) });

/** The introduction at the top of the help center, Markdown like the answers, by language. */
export const introduction = z.partialRecord(
  language,
  storable(z.string().trim().max(MAX_INTRODUCTION_LENGTH)),
);
export type Introduction = z.infer<typeof introduction>;
export const introductionBody = z.object({ introduction });

export const helpCenter = z.object({ introduction, faqEntries: z.array(faqEntry) });
export type HelpCenter = z.infer<typeof helpCenter>;
export const helpCenterResponse = z.object({ helpCenter });
export type HelpCenterResponse = z.infer<typeof helpCenterResponse>;
export const faqEntryResponse = z.object({ faqEntry });

export const serviceParams = z.object({ serviceId: z.uuid() });
export const faqEntryParams = serviceParams.extend({ faqEntryId: z.uuid() });

nameComponents([
  [faqEntry, "FaqEntry", "A FAQ entry of a help center: its question and answer per language"],
  [faqEntryBody, "FaqEntryFields", "A FAQ entry's texts per language and whether it is shown"],
  [faqEntryResponse, "FaqEntryResponse", "The FAQ entry"],
  [moveFaqEntryBody, "FaqEntryMove", "Where a FAQ entry goes in the list"],
  [introductionBody, "HelpCenterIntroduction", "The help center's introduction per language"],
  [helpCenterResponse, "HelpCenter", "A service's help center: its introduction and FAQ"],
]);
