/** Statistics' HTTP edge: a service's figures for a period, and one of its tables as .xlsx. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  statisticsExportQuery,
  statisticsFile,
  statisticsQuery,
  statisticsResponse,
} from "../../shared/statistics.js";
import { requireOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { fieldsFrom } from "../errors.js";
import { statisticsWorkbook } from "./export.js";
import { serviceStatistics } from "./statistics.js";

const errors = {
  service_not_found: "no such service, or the operator is not one of its members",
  processing_type_not_found: "no such processing type in this service",
};

const period =
  "The period is of days in the service's time zone, both ends included, at most 366 days (`to` before `from`: `end_before_start`; longer: `period_too_long` with the limit).";

export const statisticsRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;

  app.get(
    "/api/statistics",
    {
      schema: {
        tags: ["statistics"],
        summary: "Read a service's statistics for a period",
        description: `For a member of the service (an administrator: any service), over exactly the chats the history lists for the same service and period: chats requested, processed, abandoned (never opened / opened, not answered), processing rate, first reply wait and duration (mean, median, 90th percentile, in whole seconds per chat), satisfaction (average, 1–5 distribution); for the whole period, by day, week or month, by hour of day and by weekday in the service's time zone; by operator (chats held, and each event credited to whoever held the chat when it happened); by processing type (the top level, or the children of \`processingTypeId\`). ${period}`,
        access: "operator",
        querystring: statisticsQuery,
        response: { 200: statisticsResponse },
        errors,
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      return fieldsFrom("querystring", () => serviceStatistics(db, operator, request.query));
    },
  );

  app.get(
    "/api/statistics/export",
    {
      schema: {
        tags: ["statistics"],
        summary: "Export a statistics table to Excel",
        description: `One table of GET /api/statistics (the same conditions) as an .xlsx file, headers in \`language\`, names always stored as text. ${period}`,
        access: "operator",
        querystring: statisticsExportQuery,
        response: { 200: statisticsFile },
        errors,
      },
    },
    async (request, reply) => {
      const operator = await requireOperator(db, request);
      const { table, language, ...query } = request.query;
      const statistics = await fieldsFrom("querystring", () =>
        serviceStatistics(db, operator, query),
      );
      const file = await statisticsWorkbook(statistics, table, language);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(
          "content-disposition",
          `attachment; filename="statistics-${table}-${statistics.from}-${statistics.to}.xlsx"`,
        )
        .send(file as never);
    },
  );
};
