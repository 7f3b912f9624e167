import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { auditSubjects } from "../../shared/domain.js";
import { createdAt, oneOf } from "../db/columns.js";
import { operators } from "../operators/schema.js";
import { services } from "../services/schema.js";

/**
 * Who changed which setting, membership, operator or category, from what to what, and when
 * (issue 11). Written in the transaction of the change itself, so a change without its row, or
 * a row without its change, cannot exist. Only the fields that changed are kept.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The administrator who made the change; null for the server itself (first start, a CLI). */
    actorId: uuid("actor_id").references(() => operators.id),
    /** The service the change belongs to; null for installation-wide ones (an operator). */
    serviceId: uuid("service_id").references(() => services.id),
    subject: text("subject", { enum: auditSubjects }).notNull(),
    /** The changed record's id (a processing type's, an operator's…), or the setting's name. */
    subjectId: text("subject_id").notNull(),
    /** What happened, as one word: created, changed, archived, retired, deactivated… */
    action: text("action").notNull(),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (table) => [
    oneOf("audit_log_subject", table.subject, auditSubjects),
    index("audit_log_service_at_idx").on(table.serviceId, table.createdAt),
    index("audit_log_created_at_idx").on(table.createdAt),
  ],
);
export type AuditRow = typeof auditLog.$inferSelect;
