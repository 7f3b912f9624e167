import type { RouteObject } from "react-router";
import { TicketListScreen } from "./TicketListScreen";
import { TicketScreen } from "./TicketScreen";

/** The tickets of the operator's services, and one ticket's page. */
export const ticketRoutes: RouteObject[] = [
  { path: "tickets", element: <TicketListScreen /> },
  { path: "tickets/:ticketId", element: <TicketScreen /> },
];
