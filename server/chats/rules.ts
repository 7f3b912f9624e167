import type { ServiceWithTexts } from "../services/services.js";

/** What assignment needs of the service's settings. */
export const assignmentRules = (service: ServiceWithTexts) => ({
  serviceId: service.id,
  chatLimit: service.chatLimit,
  graceMs: service.reassignmentGraceMs,
});
