import type { OperatorRow } from "../operators/operators.js";

/** Administrators see every operator's presence; operators see their own status only. */
export const mayListOperators = (actor: OperatorRow) => actor.role === "administrator";
