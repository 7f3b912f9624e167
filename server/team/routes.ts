/**
 * The team as the console sees it: an operator's own status (the status window) and, for
 * administrators, every operator's presence and in-chat count, and their management: create,
 * change (services included), deactivate and reactivate, reset the password. Above chats/: a
 * status change, a deactivation or a lost service moves the operator's chats.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { operatorListResponse, operatorResponse, setStatusBody } from "../../shared/api.js";
import {
  createOperatorBody,
  managedOperatorResponse,
  operatorParams,
  operatorPasswordResponse,
  updateOperatorBody,
} from "../../shared/operators.js";
import { reactivateOperator, resetPasswordOf } from "../auth/accounts.js";
import { requireAdministrator, requireOperator } from "../auth/authenticate.js";
import { reassignUnopened } from "../chats/lifecycle.js";
import { heldChats } from "../chats/queries.js";
import { serveQueues } from "../chats/queue.js";
import type { AppContext } from "../context.js";
import type { Database } from "../db/client.js";
import { fieldsFrom, notFound } from "../errors.js";
import { inviteOperator } from "../operators/management.js";
import {
  findOperator,
  listOperatorsWithPresence,
  type OperatorRow,
  presentManagedOperator,
  presentOperator,
  setOperatorStatus,
} from "../operators/operators.js";
import { membershipsOf } from "../services/services.js";
import { changeOperator, deactivate } from "./management.js";

const tags = ["operators"];
const noSuchOperator = { operator_not_found: "no operator has this id" };
const lastAdministrator = {
  last_administrator: "the operator is the last active administrator",
};

async function present(db: Database, row: OperatorRow | string) {
  const operator = typeof row === "string" ? await findOperator(db, row) : row;
  if (!operator) throw notFound("operator_not_found", "this operator");
  const memberships = await membershipsOf(db, [operator.id]);
  return presentManagedOperator(operator, memberships.get(operator.id) ?? []);
}

export const teamRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;

  app.put(
    "/api/operators/me/status",
    {
      schema: {
        tags,
        summary: "Set my status",
        description:
          "The status window: online, on break or offline. Only online operators with a connected console get chats; leaving online hands the chats they never opened to someone who is there.",
        body: setStatusBody,
        access: "operator",
        response: { 200: operatorResponse },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      const updated = await setOperatorStatus(db, operator.id, request.body.status);
      // Chats they never opened go to someone who is there; coming online, they serve the queue.
      if (updated.status !== "online") await reassignUnopened(context, operator.id);
      else await serveQueues(context);
      return { operator: presentOperator(updated) };
    },
  );

  app.get(
    "/api/operators",
    {
      schema: {
        tags,
        summary: "List operators",
        description:
          "Administrators only: every operator, active ones first, with role, services and chat permission, chat limit, status, whether their console is connected, and the chats they hold.",
        access: "administrator",
        response: { 200: operatorListResponse },
      },
    },
    async (request) => {
      await requireAdministrator(db, request);
      return { operators: await listOperatorsWithPresence(db, context.presence, heldChats) };
    },
  );

  app.post(
    "/api/operators",
    {
      schema: {
        tags,
        summary: "Create an operator",
        description:
          "Administrators only. Creates the account, with its services if given, with a generated password, returned this once; at their first login the operator chooses their own. The email must be unused (reason taken).",
        body: createOperatorBody,
        access: "administrator",
        response: { 201: operatorPasswordResponse },
        errors: {
          validation_failed:
            "`body.email` is another operator's (reason taken), or `body.memberships.N.serviceId` names no service (reason invalid_choice)",
        },
      },
    },
    async (request, reply) => {
      const actor = await requireAdministrator(db, request);
      const created = await fieldsFrom("body", () => inviteOperator(db, actor.id, request.body));
      reply.status(201);
      return { operator: await present(db, created.operator), password: created.password };
    },
  );

  app.patch(
    "/api/operators/:operatorId",
    {
      schema: {
        tags,
        summary: "Change an operator",
        description:
          "Administrators only. Changes what is given: name, email, role, concurrent-chat limit (null: the installation's limit), and the services with chat permission per service (all of them: a service left out is left; they see only those services and get chats only where they may chat, and their live chats of a service they may no longer chat for go to someone who may). One transaction. The last active administrator cannot be made an operator (last_administrator).",
        params: operatorParams,
        body: updateOperatorBody,
        access: "administrator",
        response: { 200: managedOperatorResponse },
        errors: {
          ...noSuchOperator,
          ...lastAdministrator,
          validation_failed:
            "`body.email` is another operator's (reason taken), or `body.memberships.N.serviceId` names no service (reason invalid_choice)",
        },
      },
    },
    async (request) => {
      const actor = await requireAdministrator(db, request);
      const { operatorId } = request.params;
      const row = await fieldsFrom("body", () =>
        changeOperator(context, actor.id, operatorId, request.body),
      );
      return { operator: await present(db, row) };
    },
  );

  app.post(
    "/api/operators/:operatorId/deactivate",
    {
      schema: {
        tags,
        summary: "Deactivate an operator",
        description:
          "Administrators only. The operator can no longer log in; their sessions end and open consoles close at once; their live chats go to other online members of the service, or wait for the next free one. Their history keeps their name. The last active administrator cannot be deactivated (last_administrator).",
        params: operatorParams,
        access: "administrator",
        response: { 200: managedOperatorResponse },
        errors: { ...noSuchOperator, ...lastAdministrator },
      },
    },
    async (request) => {
      const actor = await requireAdministrator(db, request);
      await deactivate(context, actor.id, request.params.operatorId);
      return { operator: await present(db, request.params.operatorId) };
    },
  );

  app.post(
    "/api/operators/:operatorId/reactivate",
    {
      schema: {
        tags,
        summary: "Reactivate an operator",
        description:
          "Administrators only. A deactivated operator may log in again with their password and get chats of the services they chat for.",
        params: operatorParams,
        access: "administrator",
        response: { 200: managedOperatorResponse },
        errors: noSuchOperator,
      },
    },
    async (request) => {
      const actor = await requireAdministrator(db, request);
      await reactivateOperator(db, actor.id, request.params.operatorId);
      await serveQueues(context);
      return { operator: await present(db, request.params.operatorId) };
    },
  );

  app.post(
    "/api/operators/:operatorId/password-reset",
    {
      schema: {
        tags,
        summary: "Reset an operator's password",
        description:
          "Administrators only. Gives a new generated password, returned this once; the operator is logged out everywhere at once and chooses their own password at the next login.",
        params: operatorParams,
        access: "administrator",
        response: { 200: operatorPasswordResponse },
        errors: noSuchOperator,
      },
    },
    async (request) => {
      const actor = await requireAdministrator(db, request);
      const reset = await resetPasswordOf(context, actor.id, request.params.operatorId);
      return { operator: await present(db, reset.operator), password: reset.password };
    },
  );
};
