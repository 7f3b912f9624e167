/**
 * Service management's sections (issue 11). Each feature adds its screen here once: the
 * navigation, the URL and the administrators-only guard all come from this list.
 *
 * A "service" section lives at /console/admin/services/<serviceId>/<path> and is given the
 * chosen service; an "installation" section (operators, audit log) at /console/admin/<path>.
 */

import type { ParseKeys } from "i18next";
import type { ReactNode } from "react";
import type { ServiceSummary } from "../../shared/api";
import { EmbedCodeScreen } from "../embed/EmbedCodeScreen";
import { IdentityScreen } from "../embed/IdentityScreen";
import { OperatorsPanel } from "../team/OperatorsPanel";

export type AdminSection =
  | {
      scope: "service";
      path: string;
      label: ParseKeys;
      screen: (service: ServiceSummary) => ReactNode;
    }
  | { scope: "installation"; path: string; label: ParseKeys; screen: () => ReactNode };

export const adminSections: AdminSection[] = [
  {
    scope: "service",
    path: "embed",
    label: "embed.title",
    screen: (service) => <EmbedCodeScreen service={service} />,
  },
  {
    scope: "service",
    path: "login-only",
    label: "identity.title",
    screen: (service) => <IdentityScreen service={service} />,
  },
  {
    scope: "installation",
    path: "operators",
    label: "operators.title",
    screen: () => <OperatorsPanel />,
  },
];
