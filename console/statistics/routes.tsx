import type { RouteObject } from "react-router";
import { lazyScreen } from "../app/lazy-screen";

// The screen, and with it the chart library, loads only when it is opened.
const statistics = lazyScreen(async () => (await import("./StatisticsScreen")).StatisticsScreen);

/** Statistics: one URL, the service and period in its query. */
export const statisticsRoutes: RouteObject[] = [{ path: "statistics", element: statistics }];
