import type { RouteObject } from "react-router";
import { lazyScreen } from "../app/lazy-screen";

/** The tickets of the operator's services, and one ticket's page. */
export const ticketRoutes: RouteObject[] = [
  {
    path: "tickets",
    element: lazyScreen(async () => (await import("./TicketListScreen")).TicketListScreen),
  },
  {
    path: "tickets/:ticketId",
    element: lazyScreen(async () => (await import("./TicketScreen")).TicketScreen),
  },
];
