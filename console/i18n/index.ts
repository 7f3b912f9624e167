/** i18next with the console's three catalogues; the browser's language picks one, else English. */
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { type Language, pickLanguage } from "../../shared/languages";
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
    resources: { translation: typeof en };
  }
}

export async function startI18n(): Promise<void> {
  const lng = pickLanguage(navigator.languages);
  document.documentElement.lang = lng;
  await i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: "en",
    interpolation: { escapeValue: false }, // React escapes.
  });
}
