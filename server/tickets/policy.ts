/** Who may do what to tickets, in one place for the routes and the tests. */
import type { Membership } from "../../shared/api.js";
import type { OperatorRow } from "../operators/operators.js";

/** A service's tickets are seen and worked on by its members, and by administrators; to anyone
 *  else they do not exist. */
export const mayWorkOnTicket = (
  operator: Pick<OperatorRow, "role">,
  ticket: { serviceId: string },
  memberOf: readonly string[],
): boolean => operator.role === "administrator" || memberOf.includes(ticket.serviceId);

/** A ticket is assigned to an operator who serves its service: a member with chat permission. */
export const mayBeAssigned = (membership: Membership | undefined): boolean =>
  membership?.chatPermission === true;
