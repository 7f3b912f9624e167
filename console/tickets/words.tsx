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

/** The customer's name, else their email, else a short label from their id. */
export function customerOf(ticket: Pick<TicketSummary, "customer">, t: TFunction): string {
  const { customer } = ticket;
  return (
    customer.name ??
    customer.email ??
    t("chats.customer", { number: customer.id.slice(0, 4).toUpperCase() })
  );
}
