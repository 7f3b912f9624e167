/**
 * The inquiry form (issue 14): a customer who cannot chat (nobody online, outside business hours,
 * the queue full, chat off) leaves a request, which becomes a ticket with channel "form" that the
 * service's operators see under Tickets at once. The widget's route and the help center's page
 * both come here.
 */
import type { InquiryFields } from "../../shared/inquiries.js";
import { claimFormAttachment } from "../attachments/attachments.js";
import type { AppContext } from "../context.js";
import { customerFor, type VerifiedIdentity } from "../customers/customers.js";
import type { ServiceWithTexts } from "../services/services.js";
import { publishTicketChange } from "../tickets/events.js";
import { openTicketFromForm, requireOfferedType } from "../tickets/tickets.js";

/** Records the inquiry as a new customer's (or the site's vouched-for user's) ticket; its
 *  number is the customer's reference. A processing type the service does not offer is refused
 *  as `processingTypeId`. */
export async function receiveInquiry(
  context: AppContext,
  input: {
    service: ServiceWithTexts;
    fields: InquiryFields;
    identity: VerifiedIdentity | null;
    /** The file sent with it, stored first (storeFormAttachment); the caller discards it when
     *  the form is refused. */
    attachmentId?: string;
  },
): Promise<{ reference: number }> {
  const { service, fields, identity, attachmentId } = input;
  const processingTypeId = fields.processingTypeId ?? null;
  // One transaction: a refused ticket leaves no customer behind.
  const ticket = await context.db.transaction(async (tx) => {
    if (processingTypeId) await requireOfferedType(tx, service.id, processingTypeId);
    const file = attachmentId ? await claimFormAttachment(tx, attachmentId, service.id) : null;
    const customer = await customerFor(tx, service.id, { customerId: null, identity });
    const ticket = await openTicketFromForm(tx, {
      serviceId: service.id,
      customerId: customer.id,
      form: {
        name: fields.name,
        email: fields.email,
        subject: fields.subject,
        message: fields.message,
        processingTypeId,
        ...(file ? { attachment: file.attachment } : {}),
      },
    });
    await file?.bind(ticket.id);
    return ticket;
  });
  await publishTicketChange(context, ticket);
  return { reference: ticket.number };
}
