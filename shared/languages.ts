/** The languages Madoguchi speaks, and how a client or a page picks one of them. */

export const languages = ["ja", "en", "ko"] as const;
export type Language = (typeof languages)[number];

/** The first of the candidates (most wanted first: a setting, then the browser's languages) that
 *  we speak, by its base language ("ja-JP" is "ja"), else English. */
export function pickLanguage(candidates: Iterable<string | null | undefined>): Language {
  for (const candidate of candidates) {
    const base = candidate?.slice(0, 2).toLowerCase();
    const known = languages.find((language) => language === base);
    if (known) return known;
  }
  return "en";
}
