import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { type Catalog, catalogs } from "./i18n";

export const TextContext = createContext<Catalog>(catalogs.en);

/** The catalog of the widget's language. */
export function useText(): Catalog {
  return useContext(TextContext);
}
