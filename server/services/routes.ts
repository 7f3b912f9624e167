import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { serviceListResponse } from "../../shared/api.js";
import { requireOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { listServicesOf, presentService, textsOf } from "./services.js";

export const serviceRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;

  app.get(
    "/api/services",
    {
      schema: {
        tags: ["services"],
        summary: "List my services",
        description:
          "The services the logged-in operator is a member of, with their settings and their texts (greeting, satisfaction message, consent text) per language.",
        access: "operator",
        response: { 200: serviceListResponse },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      const services = await listServicesOf(db, operator.id);
      return {
        services: await Promise.all(
          services.map(async (service) => presentService(service, await textsOf(db, service.id))),
        ),
      };
    },
  );
};
