/** How tickets are put into words wherever they appear: status badges, the customer's label. */
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { TicketStatus } from "../../shared/domain";
import type { TicketSummary } from "../../shared/tickets";

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`ticket-status status-${status}`}>{t(`tickets.statuses.${status}`)}</span>
  );
}

/** The customer's name, else their email, else the short label the workspace gave them (from
 *  the chat's id, so the ticket and the chat say the same). */
export function customerOf(
  ticket: Pick<TicketSummary, "customer" | "chatId">,
  t: TFunction,
): string {
  const { customer } = ticket;
  const short = (ticket.chatId ?? customer.id).slice(0, 4).toUpperCase();
  return customer.name ?? customer.email ?? t("chats.customer", { number: short });
}
