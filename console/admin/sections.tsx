/**
 * Service management's sections (issue 11). Each feature adds its screen here once: the
 * navigation, the URL and the administrators-only guard all come from this list.
 *
 * A "service" section lives at /console/admin/services/<serviceId>/<path> and is given the
 * chosen service; an "installation" section (operators, audit log) at /console/admin/<path>.
 */

import "../services/services.css";
import type { ParseKeys } from "i18next";
import { lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import { AuditScreen } from "../audit/AuditScreen";
import { CannedResponsesScreen } from "../canned-responses/CannedResponsesScreen";
import { AttachmentLimitsScreen } from "../chats/AttachmentLimitsScreen";
import { EmbedCodeScreen } from "../embed/EmbedCodeScreen";
import { IdentityScreen } from "../embed/IdentityScreen";
import { FaqScreen } from "../helpcenter/FaqScreen";
import { AssignmentScreen } from "../services/AssignmentScreen";
import { BusinessHoursScreen } from "../services/BusinessHoursScreen";
import { ChatTextsScreen } from "../services/ChatTextsScreen";
import { HelpCenterScreen } from "../services/HelpCenterScreen";
import { ServiceGeneralScreen } from "../services/ServiceGeneralScreen";
import { ServicesScreen } from "../services/ServicesScreen";
import { OperatorsPanel } from "../team/OperatorsPanel";

// The tree's drag and drop is a large part of react-aria: loaded when the screen is opened, so
// that the operators' workspace does not carry it.
const CategoriesScreen = lazy(() =>
  import("../categories/CategoriesScreen").then((module) => ({ default: module.CategoriesScreen })),
);

function Loading() {
  const { t } = useTranslation();
  return <p className="centered muted">{t("app.loading")}</p>;
}

export type AdminSection =
  | {
      scope: "service";
      path: string;
      label: ParseKeys;
      screen: (service: ServiceSummary) => ReactNode;
    }
  | { scope: "installation"; path: string; label: ParseKeys; screen: () => ReactNode };

// A service's screens keep their state per service: the key starts them afresh on another.
export const adminSections: AdminSection[] = [
  {
    scope: "service",
    path: "general",
    label: "services.general",
    screen: (service) => <ServiceGeneralScreen key={service.id} service={service} />,
  },
  {
    scope: "service",
    path: "help-center",
    label: "services.helpCenter",
    screen: (service) => <HelpCenterScreen key={service.id} service={service} />,
  },
  {
    scope: "service",
    path: "help-center-faq",
    label: "helpCenter.title",
    screen: (service) => <FaqScreen key={service.id} service={service} />,
  },
  {
    scope: "service",
    path: "chat-texts",
    label: "services.chatTexts",
    screen: (service) => <ChatTextsScreen key={service.id} service={service} />,
  },
  {
    scope: "service",
    path: "assignment",
    label: "services.assignment",
    screen: (service) => <AssignmentScreen key={service.id} service={service} />,
  },
  {
    scope: "service",
    path: "business-hours",
    label: "hours.title",
    screen: (service) => <BusinessHoursScreen key={service.id} service={service} />,
  },
  {
    scope: "service",
    path: "embed",
    label: "embed.title",
    screen: (service) => <EmbedCodeScreen key={service.id} service={service} />,
  },
  {
    scope: "service",
    path: "login-only",
    label: "identity.title",
    screen: (service) => <IdentityScreen key={service.id} service={service} />,
  },
  {
    scope: "service",
    path: "categories",
    label: "categories.title",
    screen: (service) => (
      <Suspense fallback={<Loading />}>
        <CategoriesScreen key={service.id} service={service} />
      </Suspense>
    ),
  },
  {
    scope: "installation",
    path: "services",
    label: "services.title",
    screen: () => <ServicesScreen />,
  },
  {
    scope: "service",
    path: "canned-responses",
    label: "cannedResponses.title",
    screen: (service) => <CannedResponsesScreen key={service.id} service={service} />,
  },
  {
    scope: "installation",
    path: "operators",
    label: "operators.title",
    screen: () => <OperatorsPanel />,
  },
  {
    scope: "installation",
    path: "attachments",
    label: "attachmentLimits.title",
    screen: () => <AttachmentLimitsScreen />,
  },
  {
    scope: "installation",
    path: "audit",
    label: "audit.title",
    screen: () => <AuditScreen />,
  },
];
