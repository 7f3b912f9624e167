import type { RouteObject } from "react-router";
import { NotFoundScreen } from "../app/NotFoundScreen";
import { useOperator } from "../auth/session";
import { OperatorsPanel } from "./OperatorsPanel";

export const operatorRoutes: RouteObject[] = [
  { path: "operators", element: <AdministratorsOnly /> },
];

/** Only administrators see everyone's presence; to anyone else the page does not exist. */
function AdministratorsOnly() {
  const operator = useOperator();
  return operator.role === "administrator" ? <OperatorsPanel /> : <NotFoundScreen />;
}
