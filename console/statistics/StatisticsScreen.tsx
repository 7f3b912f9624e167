import type { TFunction } from "i18next";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ApiError } from "../../shared/http";
import { useServices } from "../admin/AdminLayout";
import type { FieldErrors } from "../app/forms";
import { queryOf, useStatistics, viewOf } from "./api";
import { ConditionsForm } from "./ConditionsForm";
import { StatisticsReport } from "./StatisticsReport";
import "./i18n";
import "./statistics.css";

/** Statistics: a service and a period (kept in the URL, like the history's search), and its
 *  figures as tiles, charts and tables, each table exportable. */
export function StatisticsScreen() {
  const { t } = useTranslation();
  const services = useServices();
  const [params, setParams] = useSearchParams();
  const list = services.data?.services ?? [];
  const view = viewOf(params, list[0]?.id);
  const found = useStatistics(view);
  const errors = fieldErrors(found.error, t);
  const refused = Object.keys(errors).length > 0;

  return (
    <section className="statistics" aria-labelledby="statistics-title">
      <h1 id="statistics-title">{t("statistics.title")}</h1>
      {services.isPending ? (
        <p className="muted">{t("app.loading")}</p>
      ) : list.length === 0 ? (
        <p className="statistics-note">{t("statistics.noServices")}</p>
      ) : (
        <>
          {/* A new form per URL: going back or forward shows that view's conditions. */}
          <ConditionsForm
            key={params.toString()}
            view={view}
            services={list}
            errors={errors}
            onShow={(next) => setParams(queryOf(next))}
          />
          <div aria-live="polite" aria-busy={found.isFetching}>
            {refused ? (
              <p className="muted">{t("statistics.fixConditions")}</p>
            ) : found.error instanceof ApiError && found.error.code === "service_not_found" ? (
              <p role="alert" className="problem">
                {t("statistics.serviceNotFound")}
              </p>
            ) : found.isError ? (
              <p role="alert" className="problem">
                {t("statistics.loadFailed")}{" "}
                <Button className="link-button" onPress={() => found.refetch()}>
                  {t("statistics.retry")}
                </Button>
              </p>
            ) : !found.data ? (
              <p className="muted statistics-loading">{t("statistics.loading")}</p>
            ) : (
              <StatisticsReport
                statistics={found.data}
                view={view}
                stale={found.isPlaceholderData}
                onDrill={(processingTypeId) =>
                  setParams(queryOf({ ...view, processingTypeId }), { preventScrollReset: true })
                }
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** A period the server refused, under its field, in the operator's language. */
function fieldErrors(error: unknown, t: TFunction): FieldErrors {
  if (!(error instanceof ApiError) || !error.field?.startsWith("querystring.")) return {};
  const field = error.field.slice("querystring.".length);
  const message =
    error.reason === "end_before_start"
      ? t("statistics.toBeforeFrom")
      : t(`fieldError.${error.reason ?? "invalid"}`, { limit: error.limit });
  return { [field]: message };
}
