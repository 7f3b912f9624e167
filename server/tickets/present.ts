import type { TicketSummary } from "../../shared/tickets.js";
import { type CustomerRow, presentCustomer } from "../customers/customers.js";
import type { TicketRow } from "./tickets.js";

export function presentTicket(
  row: TicketRow,
  related: { customer: CustomerRow; serviceName: string; assigneeName: string | null },
): TicketSummary {
  return {
    id: row.id,
    number: row.number,
    serviceId: row.serviceId,
    serviceName: related.serviceName,
    subject: row.subject,
    status: row.status,
    channel: row.channel,
    chatId: row.chatId,
    customer: presentCustomer(related.customer),
    processingTypeId: row.processingTypeId,
    assigneeId: row.assigneeId,
    assigneeName: related.assigneeName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
