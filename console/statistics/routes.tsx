import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { RouteObject } from "react-router";

// The screen, and with it the chart library, loads only when it is opened.
const StatisticsScreen = lazy(() =>
  import("./StatisticsScreen").then((module) => ({ default: module.StatisticsScreen })),
);

function Loading() {
  const { t } = useTranslation();
  return <p className="centered muted">{t("app.loading")}</p>;
}

/** Statistics: one URL, the service and period in its query. */
export const statisticsRoutes: RouteObject[] = [
  {
    path: "statistics",
    element: (
      <Suspense fallback={<Loading />}>
        <StatisticsScreen />
      </Suspense>
    ),
  },
];
