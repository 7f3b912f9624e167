/** Live word of tickets to the consoles that may see them. Best effort, like every live event:
 *  a console that misses one reads its list afresh when it opens it. */
import { topics } from "../bus/bus.js";
import type { AppContext } from "../context.js";
import { administratorIds } from "../operators/operators.js";
import { memberIdsOf } from "../services/services.js";
import type { TicketRow } from "./tickets.js";

/** A ticket was made or changed: every member of its service and every administrator is told
 *  (on their own topic, which each of their consoles follows), so that a ticket list or the
 *  ticket's page on screen shows it without a reload. Sent after the commit. */
export async function publishTicketChange(
  context: AppContext,
  ticket: Pick<TicketRow, "id" | "serviceId">,
): Promise<void> {
  const [members, administrators] = await Promise.all([
    memberIdsOf(context.db, [ticket.serviceId]),
    administratorIds(context.db),
  ]);
  const event = { type: "ticket", ticketId: ticket.id, serviceId: ticket.serviceId } as const;
  for (const operatorId of new Set([...members, ...administrators])) {
    await context.bus
      .publish(topics.operator(operatorId), event)
      .catch((error) => context.log.error({ err: error, operatorId }, "bus publish failed"));
  }
}
