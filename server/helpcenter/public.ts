/** The help center as a customer reads it: in which language, which entries, what a search finds. */
import type { FaqEntry } from "../../shared/help-center.js";
import type { Language } from "../../shared/languages.js";
import type { ServiceWithTexts } from "../services/services.js";
import { plainText } from "./markdown.js";

/** An entry in the language it is shown in (the page's, else the service's default). */
export interface ShownEntry {
  id: string;
  language: Language;
  title: string;
  answer: string;
}

/**
 * The page's language: the one asked for (`?lang=`), else the first of the browser's that the
 * service speaks, else the service's default. Only languages the service speaks: its texts are
 * in them.
 */
export function helpCenterLanguage(
  service: Pick<ServiceWithTexts, "defaultLanguage" | "texts">,
  candidates: Array<string | undefined>,
): Language {
  const spoken = service.texts.map((text) => text.language);
  for (const candidate of candidates) {
    const base = candidate?.slice(0, 2).toLowerCase();
    const known = spoken.find((language) => language === base);
    if (known) return known;
  }
  return service.defaultLanguage;
}

/** Published entries in order, each in the page's language or, not written in it, the default. */
export function shownEntries(
  entries: FaqEntry[],
  language: Language,
  fallback: Language,
): ShownEntry[] {
  return entries.flatMap((entry) => {
    const shownIn = entry.texts[language] ? language : fallback;
    const text = entry.texts[shownIn];
    return text ? [{ id: entry.id, language: shownIn, ...text }] : [];
  });
}

/** Text as searched: NFKC (full-width "ＡＢＣ" is "abc", half-width "ｶﾅ" is "カナ") and lower case. */
const folded = (text: string) => text.normalize("NFKC").toLowerCase();

export const searchWords = (query: string) => folded(query).split(/\s+/u).filter(Boolean);

/** The entries that hold every word of the query in their title or answer; those whose title
 *  holds them all first, each group in the help center's order. Substrings, so a Japanese word
 *  is found inside a sentence without spaces. */
export function searchEntries(entries: ShownEntry[], query: string): ShownEntry[] {
  const words = searchWords(query);
  if (words.length === 0) return [];
  const inTitle: ShownEntry[] = [];
  const inAnswer: ShownEntry[] = [];
  for (const entry of entries) {
    const title = folded(entry.title);
    const all = `${title}\n${folded(plainText(entry.answer))}`;
    if (words.every((word) => title.includes(word))) inTitle.push(entry);
    else if (words.every((word) => all.includes(word))) inAnswer.push(entry);
  }
  return [...inTitle, ...inAnswer];
}

/** A line of the answer for a result: from just before the first word found, if it is there. */
export function excerpt(entry: ShownEntry, query: string, length = 140): string {
  const text = plainText(entry.answer);
  const [word] = searchWords(query);
  const at = word ? folded(text).indexOf(word) : -1;
  // NFKC may change lengths; the excerpt is a hint, so an approximate start is enough.
  const start = at > 40 ? at - 30 : 0;
  const characters = [...text];
  const part = characters.slice(start, start + length).join("");
  return `${start > 0 ? "…" : ""}${part}${start + length < characters.length ? "…" : ""}`;
}
