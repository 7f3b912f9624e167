import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  cannedResponseBody,
  cannedResponseListResponse,
  cannedResponseParams,
  cannedResponseQuery,
  cannedResponseResponse,
  serviceParams,
} from "../../shared/canned-responses.js";
import { requireAdministrator, requireOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import type { Database } from "../db/client.js";
import { fieldsFrom, notFound } from "../errors.js";
import type { OperatorRow } from "../operators/operators.js";
import { isMemberOf, loadService } from "../services/services.js";
import {
  createCannedResponse,
  deleteCannedResponse,
  listCannedResponses,
  updateCannedResponse,
} from "./canned-responses.js";
import { mayReadCannedResponses } from "./policy.js";

const tags = ["canned responses"];
const noSuchService = {
  service_not_found: "no service has this id, or the operator is not one of its members",
};
const noSuchResponse = {
  ...noSuchService,
  canned_response_not_found: "the service has no canned response with this id",
};
const shortcutTaken = {
  validation_failed:
    "`body.shortcut` is another canned response's of the service (reason taken), or not of the allowed form (reason invalid_format)",
};

/** The service, when the operator may read its canned responses; to anyone else it does not
 *  exist (service_not_found), so nobody learns which service ids exist. */
async function readableService(db: Database, operator: OperatorRow, serviceId: string) {
  const service = await loadService(db, serviceId);
  if (!service || !mayReadCannedResponses(operator, await isMemberOf(db, operator.id, serviceId))) {
    throw notFound("service_not_found", "this service");
  }
  return service;
}

/** An administrator about to change the canned responses of a service that exists. */
async function manager(
  db: Database,
  request: Parameters<typeof requireOperator>[1],
  serviceId: string,
) {
  const operator = await requireAdministrator(db, request);
  await readableService(db, operator, serviceId);
  return operator;
}

export const cannedResponseRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;

  app.get(
    "/api/services/:serviceId/canned-responses",
    {
      schema: {
        tags,
        summary: "List a service's canned responses",
        description:
          "For the service's operators (and administrators): its canned responses by shortcut. With `language`, only those written in it, each with that language's text.",
        params: serviceParams,
        querystring: cannedResponseQuery,
        access: "operator",
        response: { 200: cannedResponseListResponse },
        errors: noSuchService,
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      const { serviceId } = request.params;
      await readableService(db, operator, serviceId);
      return {
        cannedResponses: await listCannedResponses(db, serviceId, request.query.language),
      };
    },
  );

  app.post(
    "/api/services/:serviceId/canned-responses",
    {
      schema: {
        tags,
        summary: "Create a canned response",
        description:
          'Administrators only. A title, a shortcut ("/" and 1–32 letters, digits, - or _; compared without case; unique in the service, reason taken) and a text in at least one language.',
        params: serviceParams,
        body: cannedResponseBody,
        access: "administrator",
        response: { 201: cannedResponseResponse },
        errors: { ...noSuchService, ...shortcutTaken },
      },
    },
    async (request, reply) => {
      const { serviceId } = request.params;
      const actor = await manager(db, request, serviceId);
      const cannedResponse = await fieldsFrom("body", () =>
        createCannedResponse(db, { actorId: actor.id, serviceId, input: request.body }),
      );
      reply.status(201);
      return { cannedResponse };
    },
  );

  app.put(
    "/api/services/:serviceId/canned-responses/:cannedResponseId",
    {
      schema: {
        tags,
        summary: "Change a canned response",
        description:
          "Administrators only. Replaces the title, the shortcut and the texts; a language left out is no longer offered.",
        params: cannedResponseParams,
        body: cannedResponseBody,
        access: "administrator",
        response: { 200: cannedResponseResponse },
        errors: { ...noSuchResponse, ...shortcutTaken },
      },
    },
    async (request) => {
      const { serviceId, cannedResponseId } = request.params;
      const actor = await manager(db, request, serviceId);
      const cannedResponse = await fieldsFrom("body", () =>
        updateCannedResponse(db, {
          actorId: actor.id,
          serviceId,
          id: cannedResponseId,
          input: request.body,
        }),
      );
      return { cannedResponse };
    },
  );

  app.delete(
    "/api/services/:serviceId/canned-responses/:cannedResponseId",
    {
      schema: {
        tags,
        summary: "Delete a canned response",
        description: "Administrators only. Operators no longer find it; the audit log keeps it.",
        params: cannedResponseParams,
        access: "administrator",
        response: { 204: z.undefined().describe("Deleted") },
        errors: noSuchResponse,
      },
    },
    async (request, reply) => {
      const { serviceId, cannedResponseId } = request.params;
      const actor = await manager(db, request, serviceId);
      await deleteCannedResponse(db, { actorId: actor.id, serviceId, id: cannedResponseId });
      return reply.status(204).send();
    },
  );
};
