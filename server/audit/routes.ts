/** The audit log as administrators read it: who changed what, from what to what, when; by
 *  service and period, newest first, a page at a time. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { auditQuery, auditResponse } from "../../shared/api.js";
import { requireAdministrator } from "../auth/authenticate.js";
import { cannedResponseTitles } from "../canned-responses/canned-responses.js";
import { processingTypeNames } from "../categories/categories.js";
import type { AppContext } from "../context.js";
import { faqQuestions } from "../helpcenter/faq.js";
import { operatorNames } from "../operators/operators.js";
import { serviceNames } from "../services/services.js";
import { listChanges } from "./audit.js";
import type { AuditRow } from "./schema.js";

/** A page's last row, as the client passes it back: when and which, so ties keep their order. */
const cursorOf = (row: { createdAt: Date; id: string }) =>
  `${row.createdAt.toISOString()}_${row.id}`;
function readCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [at = "", id = ""] = cursor.split("_");
  return { createdAt: new Date(at), id };
}

export const auditRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;

  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "Read the audit log",
        description:
          "Administrators only. Changes made in service management, newest first: who, which service, what, and the fields that changed before and after. Filter by service and period (from inclusive, to exclusive); pass `next` back as `cursor` for the older page.",
        access: "administrator",
        querystring: auditQuery,
        response: { 200: auditResponse },
      },
    },
    async (request) => {
      await requireAdministrator(db, request);
      const { serviceId, from, to, cursor, limit } = request.query;
      const after = readCursor(cursor);
      // One row more than the page tells whether there is a next one.
      const rows = await listChanges(db, {
        serviceId,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
        after,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const subjects = (...kinds: AuditRow["subject"][]) =>
        page.flatMap((row) => (kinds.includes(row.subject) ? [row.subjectId] : []));
      // A membership's subject is its operator; a processing type names its parent.
      const people = [
        ...page.flatMap((row) => row.actorId ?? []),
        ...subjects("operator", "membership"),
      ];
      const parents = page.flatMap((row) =>
        row.subject === "category"
          ? [row.before?.parentId, row.after?.parentId].filter((id) => typeof id === "string")
          : [],
      );
      const [actors, services, types, cannedResponses, questions] = await Promise.all([
        operatorNames(db, [...new Set(people)]),
        serviceNames(db, [...new Set(page.flatMap((row) => row.serviceId ?? []))]),
        processingTypeNames(db, [...new Set([...subjects("category"), ...parents])]),
        cannedResponseTitles(db, [...new Set(subjects("canned_response"))]),
        faqQuestions(db, [...new Set(subjects("faq_entry"))]),
      ]);
      const named = (id: string | null, names: Map<string, string>) =>
        id ? { id, name: names.get(id) ?? "" } : null;
      const last = page.at(-1);
      return {
        changes: page.map((row) => ({
          id: row.id,
          at: row.createdAt.toISOString(),
          actor: named(row.actorId, actors),
          service: named(row.serviceId, services),
          subject: row.subject,
          subjectId: row.subjectId,
          action: row.action,
          before: row.before,
          after: row.after,
        })),
        names: Object.fromEntries([...actors, ...types, ...cannedResponses, ...questions]),
        next: rows.length > limit && last ? cursorOf(last) : null,
      };
    },
  );
};
