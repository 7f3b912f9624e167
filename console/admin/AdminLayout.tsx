import "./admin.css";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useLocation, useNavigate, useParams } from "react-router";
import type { ServiceListResponse, ServiceSummary } from "../../shared/api";
import { requestJson } from "../../shared/http";
import { loadFailedKey } from "../app/load-failed";
import { NotFoundScreen } from "../app/NotFoundScreen";
import { Picker } from "../app/Picker";
import { type AdminSection, adminSections } from "./sections";

const serviceSections = adminSections.filter((section) => section.scope === "service");
const installationSections = adminSections.filter((section) => section.scope === "installation");

/** The services an administrator manages, for the service choice and every service section. */
export function useServices() {
  return useQuery({
    queryKey: ["services"],
    queryFn: () => requestJson<ServiceListResponse>("/api/services"),
  });
}

/** The first screen of administration: the first service's first section, else the first
 *  installation-wide one. */
export function firstAdminPath(services: ServiceSummary[] | undefined): string {
  const [service] = services ?? [];
  const [section] = serviceSections;
  if (service && section) return `/admin/services/${service.id}/${section.path}`;
  return `/admin/${installationSections[0]?.path ?? ""}`;
}

/** Service management: the sections on the left (the service's, then everyone's), the chosen
 *  one on the right. Changing the service keeps the section. */
export function AdminLayout() {
  const { t } = useTranslation();
  const services = useServices();
  const { serviceId } = useParams();
  const navigate = useNavigate();
  const section = useLocation().pathname.split("/")[4] ?? serviceSections[0]?.path;
  const chosen = serviceId ?? services.data?.services[0]?.id;

  return (
    <div className="admin">
      <nav className="admin-nav" aria-label={t("admin.navigation")}>
        <h2>{t("admin.title")}</h2>
        {serviceSections.length > 0 && (
          <div className="admin-nav-group">
            {services.data && services.data.services.length > 0 && chosen ? (
              <Picker
                className="admin-service"
                label={t("admin.service")}
                value={chosen}
                options={services.data.services.map((service) => ({
                  id: service.id,
                  label: service.archived
                    ? `${service.name} (${t("services.archived")})`
                    : service.name,
                }))}
                onChange={(id) => navigate(`/admin/services/${id}/${section}`)}
              />
            ) : (
              <p className={services.isError ? "picker-problem" : "muted"}>
                {services.isPending
                  ? t("app.loading")
                  : services.isError
                    ? t("app.listFailed")
                    : t("admin.noServices")}
              </p>
            )}
            {chosen && (
              <ul>
                {serviceSections.map((item) => (
                  <li key={item.path}>
                    <NavLink to={`/admin/services/${chosen}/${item.path}`}>{t(item.label)}</NavLink>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="admin-nav-group">
          {serviceSections.length > 0 && <h3>{t("admin.installation")}</h3>}
          <ul>
            {installationSections.map((item) => (
              <li key={item.path}>
                {/* "end": /admin/services is not also every service's section. */}
                <NavLink to={`/admin/${item.path}`} end>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      </nav>
      <div className="admin-content">
        <Outlet />
      </div>
    </div>
  );
}

/** A service section's screen, given the service of the URL (or "not found" for an unknown one). */
export function ServiceSectionScreen(props: {
  section: Extract<AdminSection, { scope: "service" }>;
}) {
  const { t } = useTranslation();
  const services = useServices();
  const { serviceId } = useParams();
  if (services.isPending) return <p className="centered muted">{t("app.loading")}</p>;
  if (services.isError) {
    return (
      <p role="alert" className="centered problem">
        {t(loadFailedKey(services.error))}
      </p>
    );
  }
  const service = services.data.services.find((candidate) => candidate.id === serviceId);
  return service ? props.section.screen(service) : <NotFoundScreen />;
}
