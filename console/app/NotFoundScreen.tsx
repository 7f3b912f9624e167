import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";

/** A console URL that names no screen: said plainly, with the way back to the workspace. */
export function NotFoundScreen() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <p className="not-found-code" aria-hidden>
        404
      </p>
      <h1 id="not-found-title">{t("notFound.title")}</h1>
      <p>{t("notFound.text", { path: `/console${pathname}` })}</p>
      <Link to="/" className="button primary">
        {t("notFound.back")}
      </Link>
    </section>
  );
}
