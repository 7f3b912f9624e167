/**
 * The processing-type tree over HTTP: its member operators read it (the workspace offers it);
 * administrators who are members change it. Every change is one transaction with its audit row.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createProcessingTypeBody,
  moveProcessingTypeBody,
  processingTypeListResponse,
  processingTypeParams,
  processingTypeResponse,
  renameProcessingTypeBody,
  serviceParams,
  setRetiredBody,
} from "../../shared/categories.js";
import { requireAdministrator, requireOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import type { Database } from "../db/client.js";
import { fieldsFrom, notFound } from "../errors.js";
import type { OperatorRow } from "../operators/operators.js";
import { findServiceOf, loadService, type ServiceRow } from "../services/services.js";
import {
  createProcessingType,
  deleteProcessingType,
  listProcessingTypes,
  moveProcessingType,
  type ProcessingTypeRow,
  presentProcessingType,
  renameProcessingType,
  setProcessingTypeRetired,
} from "./categories.js";

const tags = ["categories"];
const notMember = {
  service_not_found:
    "no such service, or the operator is neither one of its members nor an administrator",
};
/** A change to one type: its service, then the type, must be there. */
const typeRefusals = {
  ...notMember,
  processing_type_not_found: "no such processing type in this service",
};

/** The service of the URL, when the operator is its member or an administrator (who manage
 *  every service, as its settings and canned responses); to anyone else it does not exist. */
async function serviceFor(db: Database, operator: OperatorRow, serviceId: string) {
  const service =
    operator.role === "administrator"
      ? await loadService(db, serviceId)
      : await findServiceOf(db, operator.id, serviceId);
  if (!service) throw notFound("service_not_found", "this service");
  return service;
}

export const categoryRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;
  const base = "/api/services/:serviceId/processing-types";

  /** An administrator's change to the tree of the URL's service. */
  async function managed(request: FastifyRequest, serviceId: string) {
    const administrator = await requireAdministrator(db, request);
    return { administrator, service: await serviceFor(db, administrator, serviceId) };
  }

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "The service's processing-type tree",
        description:
          "Every processing type of the service, retired ones included (flagged), parents before their children and siblings in order, with the names per language. For the service's members.",
        access: "operator",
        params: serviceParams,
        response: { 200: processingTypeListResponse },
        errors: notMember,
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      const service = await serviceFor(db, operator, request.params.serviceId);
      const rows = await listProcessingTypes(db, service.id);
      return { processingTypes: rows.map(presentProcessingType) };
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: "Add a processing type",
        description:
          "Adds a type at the top level or under `parentId`, last among its siblings. Refused (400, with the field): a fourth level (`parentId`, too_deep), no name in the service's default language (`names.<language>`, required), a name a sibling in use already has (taken).",
        access: "administrator",
        params: serviceParams,
        body: createProcessingTypeBody,
        response: { 201: processingTypeResponse },
        errors: notMember,
      },
    },
    async (request, reply) => {
      const { administrator, service } = await managed(request, request.params.serviceId);
      const row = await fieldsFrom("body", () =>
        createProcessingType(db, service, request.body, administrator.id),
      );
      reply.status(201);
      return { processingType: presentProcessingType(row) };
    },
  );

  /** A change to one type: an administrator's, the refused field named as in the body. */
  function typeChange<Body extends z.ZodType>(
    method: "PATCH" | "PUT",
    suffix: string,
    doc: { summary: string; description: string },
    body: Body,
    change: (
      service: ServiceRow,
      id: string,
      body: z.infer<Body>,
      actorId: string,
    ) => Promise<ProcessingTypeRow>,
  ) {
    app.route({
      method,
      url: `${base}/:processingTypeId${suffix}`,
      schema: {
        tags,
        ...doc,
        access: "administrator",
        params: processingTypeParams,
        body,
        response: { 200: processingTypeResponse },
        errors: typeRefusals,
      },
      handler: async (request) => {
        const params = request.params as z.infer<typeof processingTypeParams>;
        const { administrator, service } = await managed(request, params.serviceId);
        const row = await fieldsFrom("body", () =>
          change(service, params.processingTypeId, request.body as z.infer<Body>, administrator.id),
        );
        return { processingType: presentProcessingType(row) };
      },
    });
  }

  typeChange(
    "PATCH",
    "",
    {
      summary: "Rename a processing type",
      description:
        "Replaces the type's names (a blank one removes that language's). Refused as when adding.",
    },
    renameProcessingTypeBody,
    (service, id, body, actorId) => renameProcessingType(db, service, id, body, actorId),
  );

  typeChange(
    "PUT",
    "/place",
    {
      summary: "Reorder or move a processing type",
      description:
        "Puts the type under `parentId` (null: the top level) at `index` among its new siblings, with its children; both sets of siblings are renumbered in the same transaction. Refused (400, `parentId`): a place that would make a fourth level, or under the type itself.",
    },
    moveProcessingTypeBody,
    (service, id, body, actorId) => moveProcessingType(db, service, id, body, actorId),
  );

  typeChange(
    "PUT",
    "/retired",
    {
      summary: "Retire or restore a processing type",
      description:
        "Retired: the type and the types under it are no longer offered; the chats that have them keep them. Restored: offered again, with the types retired with it. Refused (400): restoring under a retired parent (`parentId`), or a name a sibling in use has taken since (`names.<language>`).",
    },
    setRetiredBody,
    (service, id, body, actorId) =>
      setProcessingTypeRetired(db, service, id, body.retired, actorId),
  );

  app.delete(
    `${base}/:processingTypeId`,
    {
      schema: {
        tags,
        summary: "Delete an unused processing type",
        description:
          "Deletes the type and the types under it. Refused (409, processing_type_in_use) when a chat has any of them: retire it instead.",
        access: "administrator",
        params: processingTypeParams,
        response: { 204: z.null().describe("Deleted, with the types under it") },
        errors: {
          ...typeRefusals,
          processing_type_in_use: "a chat has this type or one under it: retire it instead",
        },
      },
    },
    async (request, reply) => {
      const { administrator, service } = await managed(request, request.params.serviceId);
      await deleteProcessingType(db, service, request.params.processingTypeId, administrator.id);
      return reply.status(204).send(null);
    },
  );
};
