import { Navigate, type RouteObject } from "react-router";
import { NotFoundScreen } from "../app/NotFoundScreen";
import { useOperator } from "../auth/session";
import { AdminLayout, firstAdminPath, ServiceSectionScreen, useServices } from "./AdminLayout";
import { adminSections } from "./sections";

export const adminRoutes: RouteObject[] = [
  {
    path: "admin",
    element: <AdministratorsOnly />,
    children: [
      { index: true, element: <FirstSection /> },
      ...adminSections.map((section) =>
        section.scope === "service"
          ? {
              path: `services/:serviceId/${section.path}`,
              element: <ServiceSectionScreen section={section} />,
            }
          : { path: section.path, element: section.screen() },
      ),
      { path: "services/:serviceId", element: <FirstSection /> },
      { path: "*", element: <NotFoundScreen /> },
    ],
  },
  // Where the operators' presence list was before administration had sections.
  { path: "operators", element: <Navigate to="/admin/operators" replace /> },
];

/** Service management is for administrators; to anyone else the pages do not exist. */
function AdministratorsOnly() {
  const operator = useOperator();
  return operator.role === "administrator" ? <AdminLayout /> : <NotFoundScreen />;
}

function FirstSection() {
  const services = useServices();
  if (services.isPending) return null;
  return <Navigate to={firstAdminPath(services.data?.services)} replace />;
}
