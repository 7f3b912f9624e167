import type { FastifyRequest } from "fastify";
import type { Database } from "../db/client.js";
import { AppError, notAllowed, unauthenticated } from "../errors.js";
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

/** Anyone logged in, even before choosing their own password: who they are, and choosing it. */
export async function requireSession(db: Database, request: FastifyRequest): Promise<OperatorRow> {
  const operator = await sessionOperator(db, request);
  if (!operator) throw unauthenticated();
  return operator;
}

/** An operator at work: logged in, with a password of their own. */
export async function requireOperator(db: Database, request: FastifyRequest): Promise<OperatorRow> {
  const operator = await requireSession(db, request);
  if (operator.passwordChangeRequired) {
    throw new AppError(
      "password_change_required",
      403,
      "choose your own password first (POST /api/auth/password)",
    );
  }
  return operator;
}

/** The operator a console's socket acts for: at work, as for requireOperator, or null. */
export async function workingOperator(
  db: Database,
  request: FastifyRequest,
): Promise<OperatorRow | null> {
  const operator = await sessionOperator(db, request);
  return operator && !operator.passwordChangeRequired ? operator : null;
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
