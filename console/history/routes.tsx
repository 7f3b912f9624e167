import type { RouteObject } from "react-router";
import { HistoryScreen } from "./HistoryScreen";

/** Chat history, and a chat opened in it: its own URL, the conditions kept in the query. */
export const historyRoutes: RouteObject[] = [
  { path: "history", element: <HistoryScreen /> },
  { path: "history/:chatId", element: <HistoryScreen /> },
];
