/**
 * A screen whose code loads when it is first opened, not with the console: the first load stays
 * under its bar (ARCHITECTURE.md: 300 KB gzip of script) as screens are added.
 */
import { type ComponentType, lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";

function Loading() {
  const { t } = useTranslation();
  return <p className="centered muted">{t("app.loading")}</p>;
}

/** The route element of a screen loaded on demand; call it once, where the routes are stated. */
export function lazyScreen(load: () => Promise<ComponentType>) {
  const Screen = lazy(async () => ({ default: await load() }));
  return (
    <Suspense fallback={<Loading />}>
      <Screen />
    </Suspense>
  );
}
