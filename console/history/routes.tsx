import type { RouteObject } from "react-router";
import { lazyScreen } from "../app/lazy-screen";

const history = lazyScreen(async () => (await import("./HistoryScreen")).HistoryScreen);

/** Chat history, and a chat opened in it: its own URL, the conditions kept in the query. */
export const historyRoutes: RouteObject[] = [
  { path: "history", element: history },
  { path: "history/:chatId", element: history },
];
