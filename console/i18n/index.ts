/** i18next with the console's three catalogues: the operator's choice (kept in this browser), else
 *  the browser's language, else English. */
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { type Language, pickLanguage } from "../../shared/languages";
import type { StatisticsCatalog } from "../statistics/i18n";
import { en } from "./en";
import { ja } from "./ja";
import { ko } from "./ko";

export const resources: Record<Language, { translation: typeof en }> = {
  en: { translation: en },
  ja: { translation: ja },
  ko: { translation: ko },
};

declare module "i18next" {
  interface CustomTypeOptions {
    // The statistics screen adds its words when it loads (console/statistics/i18n.ts).
    resources: { translation: typeof en & { statistics: StatisticsCatalog } };
  }
}

const CHOSEN = "madoguchi.language";

function chosenLanguage(): string | null {
  try {
    return localStorage.getItem(CHOSEN);
  } catch {
    return null; // Storage refused (a private window's policy): the browser's language then.
  }
}

/** The operator picks the console's language; it stays for this browser. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(CHOSEN, language);
  } catch {
    // Not kept, but still used until the page is left.
  }
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

export async function startI18n(): Promise<void> {
  const lng = pickLanguage([chosenLanguage(), ...navigator.languages]);
  document.documentElement.lang = lng;
  await i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: "en",
    interpolation: { escapeValue: false }, // React escapes.
  });
}
