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
    {
      schema: {
        tags: ["operators"],
        summary: "Set my status",
        description:
          "Sets the logged-in operator's status: online, break or offline. Only online operators with a live console get new chats; leaving online hands the chats they never opened to another online operator of the service.",
        access: "operator",
        body: setStatusBody,
        response: { 200: operatorResponse },
      },
    },
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
    {
      schema: {
        tags: ["operators"],
        summary: "List the operators",
        description:
          "Every operator with their status, whether their console is connected (or was within the grace period), and their in-chat count. For administrators.",
        access: "administrator",
        response: { 200: operatorListResponse },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      if (!mayListOperators(operator)) throw notAllowed("only administrators see all operators");
      return { operators: await listOperatorsWithPresence(db, context.presence, heldChats) };
    },
  );
};
