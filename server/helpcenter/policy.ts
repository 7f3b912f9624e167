/** Who sees what of a service's help center. Administrators manage it (requireAdministrator);
 *  customers read it, as these rules allow. */
import type { ServiceRow } from "../services/services.js";

/** An archived service has no help center: its pages are not found. */
export const isOpen = (service: Pick<ServiceRow, "archivedAt">): boolean =>
  service.archivedAt === null;

/** The help center carries the chat launcher when the service offers chat to anyone: a
 *  login-only service's users are known only to the company's own site, which vouches for them. */
export const offersChat = (service: Pick<ServiceRow, "chatEnabled" | "loginRequired">): boolean =>
  service.chatEnabled && !service.loginRequired;

/** A customer reads only the published entries. */
export const isShown = (entry: { published: boolean }): boolean => entry.published;

/** The help center offers the inquiry form unless the service is for logged-in users only: their
 *  inquiries go through the company's own site, which vouches for them (the widget's form). */
export const takesInquiries = (service: Pick<ServiceRow, "loginRequired">): boolean =>
  !service.loginRequired;
