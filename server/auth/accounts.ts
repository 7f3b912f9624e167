/** What ends or changes an operator's sessions: a password reset, a deactivation, a
 *  reactivation, and the operator choosing their own password. */
import { recordChange } from "../audit/audit.js";
import { topics } from "../bus/bus.js";
import type { AppContext } from "../context.js";
import type { Database, Transaction } from "../db/client.js";
import { AppError } from "../errors.js";
import { lockExistingOperator, requireAnotherAdministrator } from "../operators/management.js";
import {
  lockAdministrators,
  markDeactivated,
  markReactivated,
  type OperatorRow,
  setPassword,
  setPasswordHash,
} from "../operators/operators.js";
import { generatePassword, hashPassword, verifyPassword } from "../operators/passwords.js";
import { endSessionsOf } from "./sessions.js";

/** Gives the operator a new generated password and ends every session they have, so whoever held
 *  the old one is logged out. Returns the password, or null when nobody has that email. */
export async function resetPassword(db: Database, email: string): Promise<string | null> {
  const password = generatePassword();
  // Hashed before the transaction: argon2 takes its time without holding a row lock.
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const operatorId = await setPasswordHash(tx, email, passwordHash);
    if (!operatorId) return null;
    await endSessionsOf(tx, operatorId);
    return password;
  });
}

/** An administrator resets an operator's password: they are logged out everywhere at once, and
 *  choose their own password after logging in with the one returned (shown once). */
export async function resetPasswordOf(
  context: AppContext,
  actorId: string,
  operatorId: string,
): Promise<{ operator: OperatorRow; password: string }> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const operator = await context.db.transaction(async (tx) => {
    const row = await lockExistingOperator(tx, operatorId);
    await setPassword(tx, operatorId, passwordHash, true);
    await endSessionsOf(tx, operatorId);
    await recordAccountChange(tx, {
      actorId: actorId,
      operatorId: operatorId,
      action: "password_reset",
    });
    return { ...row, passwordChangeRequired: true };
  });
  await signOut(context, operatorId);
  return { operator, password };
}

/** The operator replaces their password (the one an administrator gave them, or their own). */
export async function changeOwnPassword(
  db: Database,
  operator: OperatorRow,
  passwords: { currentPassword: string; newPassword: string },
): Promise<OperatorRow> {
  if (!(await verifyPassword(operator.passwordHash, passwords.currentPassword))) {
    throw new AppError(
      "validation_failed",
      400,
      "body.currentPassword: this is not your current password",
      "body.currentPassword",
      { reason: "invalid" },
    );
  }
  const passwordHash = await hashPassword(passwords.newPassword);
  await db.transaction(async (tx) => {
    await setPassword(tx, operator.id, passwordHash, false);
    await recordAccountChange(tx, {
      actorId: operator.id,
      operatorId: operator.id,
      action: "password_changed",
    });
  });
  return { ...operator, passwordHash, passwordChangeRequired: false };
}

/** The operator can no longer log in nor get chats: their sessions end and their open consoles
 *  close at once; everything they did stays, under their name. The last active administrator
 *  cannot be deactivated. Returns false when they were already deactivated. */
export async function deactivateOperator(
  context: AppContext,
  operatorId: string,
  actorId: string | null = null,
) {
  const deactivated = await context.db.transaction(async (tx) => {
    const administrators = await lockAdministrators(tx);
    const operator = await lockExistingOperator(tx, operatorId);
    if (operator.role === "administrator") requireAnotherAdministrator(administrators, operatorId);
    if (!(await markDeactivated(tx, operatorId))) return false;
    await endSessionsOf(tx, operatorId);
    await recordAccountChange(tx, {
      actorId: actorId,
      operatorId: operatorId,
      action: "deactivated",
    });
    return true;
  });
  if (deactivated) await signOut(context, operatorId);
  return deactivated;
}

/** The operator may log in again (with the password they had); false when they were active. */
export async function reactivateOperator(db: Database, actorId: string, operatorId: string) {
  return db.transaction(async (tx) => {
    await lockExistingOperator(tx, operatorId);
    if (!(await markReactivated(tx, operatorId))) return false;
    await recordAccountChange(tx, {
      actorId: actorId,
      operatorId: operatorId,
      action: "reactivated",
    });
    return true;
  });
}

/** An account change with nothing to show but that it happened (never the password). */
function recordAccountChange(
  tx: Transaction,
  change: { actorId: string | null; operatorId: string; action: string },
) {
  return recordChange(tx, {
    actorId: change.actorId,
    serviceId: null,
    subject: "operator",
    subjectId: change.operatorId,
    action: change.action,
  });
}

/** Every open console of the operator closes now, on whichever process holds it. */
function signOut(context: AppContext, operatorId: string) {
  return context.bus.publish(topics.operator(operatorId), { type: "signed_out", operatorId });
}
