/** What ends an operator's sessions: a password reset and a deactivation. */
import { topics } from "../bus/bus.js";
import type { AppContext } from "../context.js";
import type { Database } from "../db/client.js";
import { markDeactivated, setPasswordHash } from "../operators/operators.js";
import { generatePassword, hashPassword } from "../operators/passwords.js";
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

/** The operator can no longer log in nor get chats: their sessions end and their open consoles
 *  close at once; everything they did stays, under their name. Returns false when they were
 *  already deactivated. */
export async function deactivateOperator(context: AppContext, operatorId: string) {
  const deactivated = await context.db.transaction(async (tx) => {
    if (!(await markDeactivated(tx, operatorId))) return false;
    await endSessionsOf(tx, operatorId);
    return true;
  });
  if (deactivated) {
    await context.bus.publish(topics.operator(operatorId), { type: "signed_out", operatorId });
  }
  return deactivated;
}
