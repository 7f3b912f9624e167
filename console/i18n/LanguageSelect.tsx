import { useTranslation } from "react-i18next";
import { type Language, languages } from "../../shared/languages";
import { Picker } from "../app/Picker";
import { chooseLanguage } from "./index";

/** The console's language, chosen by the operator: texts, dates and numbers follow it. Each
 *  language is named in itself, so that anyone finds their own. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <Picker
      className="language"
      label={t("app.language")}
      hideLabel
      value={i18n.resolvedLanguage as Language}
      options={languages.map((language) => ({
        id: language,
        label: t(`app.languageName.${language}`),
        lang: language,
      }))}
      onChange={(language) => void chooseLanguage(language)}
    />
  );
}
