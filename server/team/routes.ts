/**
 * The team as the console sees it: an operator's own status (the status window) and, for
 * administrators, every operator's presence and in-chat count. Above chats/: a status change
 * moves the operator's unopened chats.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { operatorListResponse, operatorResponse, setStatusBody } from "../../shared/api.js";
import { requireOperator } from "../auth/authenticate.js";
import { reassignUnopened } from "../chats/lifecycle.js";
import { heldChats } from "../chats/queries.js";
import type { AppContext } from "../context.js";
import { notAllowed } from "../errors.js";
import {
  listOperatorsWithPresence,
  presentOperator,
  setOperatorStatus,
} from "../operators/operators.js";
import { mayListOperators } from "./policy.js";

export const teamRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;

  app.put(
    "/api/operators/me/status",
    { schema: { tags: ["operators"], body: setStatusBody, response: { 200: operatorResponse } } },
    async (request) => {
      const operator = await requireOperator(db, request);
      const updated = await setOperatorStatus(db, operator.id, request.body.status);
      // Chats they never opened go to someone who is there.
      if (updated.status !== "online") await reassignUnopened(context, operator.id);
      return { operator: presentOperator(updated) };
    },
  );

  app.get(
    "/api/operators",
    { schema: { tags: ["operators"], response: { 200: operatorListResponse } } },
    async (request) => {
      const operator = await requireOperator(db, request);
      if (!mayListOperators(operator)) throw notAllowed("only administrators see all operators");
      return { operators: await listOperatorsWithPresence(db, context.presence, heldChats) };
    },
  );
};
