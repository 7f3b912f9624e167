import type { ServiceSummary } from "../../shared/api";
import type { Language } from "../../shared/domain";

/** The service's languages, its default first: the order the forms show them in. */
export const serviceLanguages = (service: ServiceSummary): Language[] => [
  service.defaultLanguage,
  ...service.languages.filter((language) => language !== service.defaultLanguage),
];
