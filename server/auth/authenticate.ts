import type { FastifyRequest } from "fastify";
import type { Database } from "../db/client.js";
import { notAllowed, unauthenticated } from "../errors.js";
import type { OperatorRow } from "../operators/operators.js";
import { findSessionOperator, SESSION_COOKIE } from "./sessions.js";

/** The operator behind the request's session cookie, or null. */
export async function sessionOperator(
  db: Database,
  request: FastifyRequest,
): Promise<OperatorRow | null> {
  const token = request.cookies[SESSION_COOKIE];
  return token ? findSessionOperator(db, token) : null;
}

export async function requireOperator(db: Database, request: FastifyRequest): Promise<OperatorRow> {
  const operator = await sessionOperator(db, request);
  if (!operator) throw unauthenticated();
  return operator;
}

/** Service management is for administrators: anyone else logged in is refused (403). */
export async function requireAdministrator(
  db: Database,
  request: FastifyRequest,
): Promise<OperatorRow> {
  const operator = await requireOperator(db, request);
  if (operator.role !== "administrator") throw notAllowed("only administrators may do this");
  return operator;
}
