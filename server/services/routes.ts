/** Services as the console sees them: an operator's own, and for administrators every service
 *  and its settings (service management). Each change is one transaction with its audit row, then
 *  every process forgets its cached copy. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  businessHoursBody,
  createServiceBody,
  serviceListResponse,
  serviceParams,
  serviceResponse,
  serviceTextsBody,
  updateServiceBody,
} from "../../shared/api.js";
import { requireAdministrator, requireOperator } from "../auth/authenticate.js";
import { serveQueues } from "../chats/queue.js";
import type { AppContext } from "../context.js";
import { fieldsFrom, notFound } from "../errors.js";
import {
  createServiceBy,
  listServicesFor,
  presentService,
  setBusinessHours,
  setServiceArchived,
  updateService,
  updateServiceTexts,
} from "./services.js";

/** What a change of a service may answer beside its input's and its access's refusals. */
const changeErrors = { service_not_found: "no service has this id" } as const;

export const serviceRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db, config } = context;

  async function present(request: { protocol: string; host: string }, serviceId: string) {
    const service = await context.services.get(serviceId);
    if (!service) throw notFound("service_not_found", "this service");
    return presentService(service, config.publicUrl ?? `${request.protocol}://${request.host}`);
  }

  app.get(
    "/api/services",
    {
      schema: {
        tags: ["services"],
        summary: "List services",
        description:
          "An operator's own services (those they are a member of); for an administrator, every service of the installation, archived ones included, oldest first, with their settings and their texts per language.",
        access: "operator",
        response: { 200: serviceListResponse },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      const ids = await listServicesFor(db, operator);
      return { services: await Promise.all(ids.map((id) => present(request, id))) };
    },
  );

  app.post(
    "/api/services",
    {
      schema: {
        tags: ["services"],
        summary: "Create a service",
        description:
          "Administrators only. The new service speaks the languages given, has chat off until an administrator turns it on, and gets its public key.",
        access: "administrator",
        body: createServiceBody,
        response: { 201: serviceResponse },
      },
    },
    async (request, reply) => {
      const administrator = await requireAdministrator(db, request);
      const service = await fieldsFrom("body", () =>
        createServiceBy(db, administrator.id, request.body),
      );
      await context.services.changed(service.id);
      return reply.status(201).send({ service: await present(request, service.id) });
    },
  );

  app.patch(
    "/api/services/:serviceId",
    {
      schema: {
        tags: ["services"],
        summary: "Change a service's settings",
        description:
          "Administrators only. Name, languages and default language, time zone, chat on/off, and the operator-assignment settings; what is left out stays. Takes effect for the next chat, in every process at once.",
        access: "administrator",
        params: serviceParams,
        body: updateServiceBody,
        response: { 200: serviceResponse },
        errors: changeErrors,
      },
    },
    async (request) => {
      const administrator = await requireAdministrator(db, request);
      const { serviceId } = request.params;
      await fieldsFrom("body", () => updateService(db, administrator.id, serviceId, request.body));
      await context.services.changed(serviceId);
      // A limit raised frees slots for the queue.
      await serveQueues(context);
      return { service: await present(request, serviceId) };
    },
  );

  app.put(
    "/api/services/:serviceId/texts",
    {
      schema: {
        tags: ["services"],
        summary: "Set what a service says to customers",
        description:
          "Administrators only. Greeting, satisfaction message, consent text and privacy-policy link for each language given (one the service speaks); the others keep theirs. A blank text is taken from the default language.",
        access: "administrator",
        params: serviceParams,
        body: serviceTextsBody,
        response: { 200: serviceResponse },
        errors: changeErrors,
      },
    },
    async (request) => {
      const administrator = await requireAdministrator(db, request);
      const { serviceId } = request.params;
      await fieldsFrom("body", () =>
        updateServiceTexts(db, administrator.id, serviceId, request.body.texts),
      );
      await context.services.changed(serviceId);
      return { service: await present(request, serviceId) };
    },
  );

  app.put(
    "/api/services/:serviceId/business-hours",
    {
      schema: {
        tags: ["services"],
        summary: "Set a service's business hours",
        description:
          "Administrators only. The weekly schedule in the service's time zone (intervals per weekday, none: closed that day; `enabled` off: open whenever chat is on), the closed dates, and the message the widget shows outside the hours for each language given. Outside the hours no chat starts (`outside_business_hours`). An interval that ends before it starts is refused with reason end_before_start, one that overlaps another of its day with reason overlapping.",
        access: "administrator",
        params: serviceParams,
        body: businessHoursBody,
        response: { 200: serviceResponse },
        errors: changeErrors,
      },
    },
    async (request) => {
      const administrator = await requireAdministrator(db, request);
      const { serviceId } = request.params;
      await fieldsFrom("body", () =>
        setBusinessHours(db, administrator.id, serviceId, request.body),
      );
      await context.services.changed(serviceId);
      return { service: await present(request, serviceId) };
    },
  );

  for (const [path, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const) {
    app.post(
      `/api/services/:serviceId/${path}`,
      {
        schema: {
          tags: ["services"],
          summary: archived ? "Archive a service" : "Restore an archived service",
          description: archived
            ? "Administrators only. The service offers no chat any more (the widget and the API refuse with service_archived); its chats and history stay."
            : "Administrators only. The service offers chat again as its settings say.",
          access: "administrator",
          params: serviceParams,
          response: { 200: serviceResponse },
          errors: changeErrors,
        },
      },
      async (request) => {
        const administrator = await requireAdministrator(db, request);
        const { serviceId } = request.params;
        await setServiceArchived(db, administrator.id, serviceId, archived);
        await context.services.changed(serviceId);
        return { service: await present(request, serviceId) };
      },
    );
  }
};
