/** Chat history's HTTP edge: the list with its search conditions, and one chat's record. */
import { createReadStream } from "node:fs";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { chatParams } from "../../shared/api.js";
import {
  exportFile,
  exportJob,
  exportParams,
  exportRequest,
  historyChatResponse,
  historyListResponse,
  historyOperatorsResponse,
  historyQuery,
} from "../../shared/history.js";
import { requireOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { fieldsFrom } from "../errors.js";
import { Exports } from "./export.js";
import { historyOperators, historyPage, historyRecord } from "./history.js";

const exportNotFound = {
  export_not_found:
    "no such export of this operator's: another operator's, cancelled, expired, or started on another process",
};

export const historyRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;
  const exports = new Exports(db, context.config.dataDir);

  app.get(
    "/api/history/chats",
    {
      schema: {
        tags: ["history"],
        summary: "Search the chat history",
        description:
          "Every chat of the services the operator is a member of (an administrator: every service), live or ended, newest first. Each condition narrows the list: the period in days of each chat's service's time zone (both ends included), processed or not, an operator who held it, a processing type (its descendants too), a rating (or none), the channel, whether it was made into a ticket, part of the customer's name or email, and words the conversation has (one message containing every word, parts of words too; each word needs a kana, kanji or hangul, or three other letters). Pass `next` back as `cursor` for the older page.",
        access: "operator",
        querystring: historyQuery,
        response: { 200: historyListResponse },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      return fieldsFrom("querystring", () => historyPage(db, operator, request.query));
    },
  );

  app.get(
    "/api/history/operators",
    {
      schema: {
        tags: ["history"],
        summary: "List the operators a search can name",
        description:
          "The members of the services the operator is a member of (an administrator: of every service), by name: the choices of the history's operator condition.",
        access: "operator",
        response: { 200: historyOperatorsResponse },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      return { operators: await historyOperators(db, operator) };
    },
  );

  app.get(
    "/api/history/chats/:chatId",
    {
      schema: {
        tags: ["history"],
        summary: "Read a chat's record",
        description:
          "A chat of a service the operator is a member of (an administrator: any chat), whoever held it: the list's row, the customer and inquiry info, and the transcript in order.",
        access: "operator",
        params: chatParams,
        response: { 200: historyChatResponse },
        errors: { chat_not_found: "no such chat, or it is of a service the operator is not in" },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      return historyRecord(db, operator, request.params.chatId);
    },
  );

  app.post(
    "/api/history/exports",
    {
      schema: {
        tags: ["history"],
        summary: "Export the chat history to Excel",
        description:
          "Starts writing an .xlsx file of the chats the history lists for these conditions (the same services the operator may see): a sheet of chats with the list's columns and channel, page URL, IP address, device, email, notes, first-reply wait, rating comment and ticket, and with `withMessages` a sheet of their messages. Dates are in each chat's service's time zone, headers in `language`. Read the progress from the returned export; download it once done. An export lives in the process that started it for an hour after it is done (behind a load balancer: route by session).",
        access: "operator",
        body: exportRequest,
        response: { 202: exportJob },
      },
    },
    async (request, reply) => {
      const operator = await requireOperator(db, request);
      const job = await fieldsFrom("body.conditions", () =>
        exports.start(operator, {
          conditions: request.body.conditions,
          withMessages: request.body.withMessages,
          language: request.body.language,
        }),
      );
      reply.status(202);
      return job;
    },
  );

  app.get(
    "/api/history/exports/:exportId",
    {
      schema: {
        tags: ["history"],
        summary: "Read an export's progress",
        description:
          "The operator's own export: running, done (download it), failed or cancelled, with the rows written of all it writes (the chats, and the chats again for their messages when asked).",
        access: "operator",
        params: exportParams,
        response: { 200: exportJob },
        errors: exportNotFound,
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      return exports.find(operator, request.params.exportId);
    },
  );

  app.delete(
    "/api/history/exports/:exportId",
    {
      schema: {
        tags: ["history"],
        summary: "Cancel an export",
        description:
          "Stops the operator's own export and deletes its file (a finished one too); it is gone afterwards.",
        access: "operator",
        params: exportParams,
        response: { 204: z.null().describe("Cancelled: the export and its file are gone") },
        errors: exportNotFound,
      },
    },
    async (request, reply) => {
      const operator = await requireOperator(db, request);
      exports.cancel(operator, request.params.exportId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/history/exports/:exportId/file",
    {
      schema: {
        tags: ["history"],
        summary: "Download an export",
        description: "The finished .xlsx file of the operator's own export.",
        access: "operator",
        params: exportParams,
        response: {
          200: exportFile,
        },
        errors: exportNotFound,
      },
    },
    async (request, reply) => {
      const operator = await requireOperator(db, request);
      const file = exports.file(operator, request.params.exportId);
      return (
        reply
          .header(
            "content-type",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          )
          .header("content-disposition", 'attachment; filename="chat-history.xlsx"')
          // A stream is sent as it is (the schema's string only names the body for OpenAPI).
          .send(createReadStream(file) as never)
      );
    },
  );
};
