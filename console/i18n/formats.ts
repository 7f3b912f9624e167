import { useTranslation } from "react-i18next";
import { type Formats, formatsFor } from "../../shared/formats";

/** Dates and numbers in the operator's UI language (i18next's), re-rendered when it changes. */
export function useFormats(): Formats {
  const { i18n } = useTranslation();
  return formatsFor(i18n.resolvedLanguage ?? i18n.language);
}
