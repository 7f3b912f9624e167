/** Who may do what to a service's canned responses. */
import type { OperatorRow } from "../operators/operators.js";

/** The service's members use its canned responses; administrators see every service's. */
export const mayReadCannedResponses = (
  operator: Pick<OperatorRow, "role">,
  isMember: boolean,
): boolean => operator.role === "administrator" || isMember;
