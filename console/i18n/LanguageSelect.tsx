import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from "react-aria-components";
import { useTranslation } from "react-i18next";
import { type Language, languages } from "../../shared/languages";
import { chooseLanguage } from "./index";

/** The console's language, chosen by the operator: texts, dates and numbers follow it. Each
 *  language is named in itself, so that anyone finds their own. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      className="language"
      value={i18n.resolvedLanguage as Language}
      onChange={(language) => void chooseLanguage(language as Language)}
    >
      <Label className="visually-hidden">{t("app.language")}</Label>
      <Button className="select-button">
        <SelectValue />
        <span className="chevron" aria-hidden />
      </Button>
      <Popover className="popover">
        <ListBox className="options">
          {languages.map((language) => (
            <ListBoxItem key={language} id={language} className="option" lang={language}>
              {t(`app.languageName.${language}`)}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
