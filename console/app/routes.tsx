/**
 * Every console screen and its URL under /console/. Each feature states its own routes in
 * `console/<feature>/routes.tsx` (history, tickets, statistics, service management go the same
 * way); they all sit inside the layout, so the header and the one socket stay across navigation.
 */
import { useRoutes } from "react-router";
import { adminRoutes } from "../admin/routes";
import { chatRoutes } from "../chats/routes";
import { historyRoutes } from "../history/routes";
import { statisticsRoutes } from "../statistics/routes";
import { ticketRoutes } from "../tickets/routes";
import { ConsoleLayout } from "./ConsoleLayout";
import { NotFoundScreen } from "./NotFoundScreen";

export function ConsoleRoutes() {
  return useRoutes([
    {
      element: <ConsoleLayout />,
      children: [
        ...chatRoutes,
        ...ticketRoutes,
        ...historyRoutes,
        ...statisticsRoutes,
        ...adminRoutes,
        { path: "*", element: <NotFoundScreen /> },
      ],
    },
  ]);
}
