import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { operatorResponse, setStatusBody } from "../../shared/api.js";
import { requireOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { presentOperator, setOperatorStatus } from "./operators.js";

export const operatorRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;

  app.put(
    "/api/operators/me/status",
    { schema: { tags: ["operators"], body: setStatusBody, response: { 200: operatorResponse } } },
    async (request) => {
      const operator = await requireOperator(db, request);
      return {
        operator: presentOperator(await setOperatorStatus(db, operator.id, request.body.status)),
      };
    },
  );
};
