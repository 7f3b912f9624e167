/** What administrators do to operators' accounts (issue 11): create them with a password shown
 *  once, change their name, email, role and chat limit. Each change is one transaction with its
 *  audit row. Sessions (deactivation, password resets) belong to auth/accounts.ts. */
import type { CreateOperatorBody, UpdateOperatorBody } from "../../shared/operators.js";
import { recordChange } from "../audit/audit.js";
import { type Database, isUniqueViolation, type Transaction } from "../db/client.js";
import { AppError, invalidField, notFound } from "../errors.js";
import { setMemberships } from "../services/services.js";
import {
  emailTaken,
  insertOperator,
  lockAdministrators,
  lockOperator,
  type OperatorRow,
  updateOperatorRow,
} from "./operators.js";
import { generatePassword, hashPassword } from "./passwords.js";

/** What the audit log keeps of an account: never the password. */
export const audited = (row: OperatorRow) => ({
  name: row.name,
  email: row.email,
  role: row.role,
  chatLimit: row.chatLimit,
});

const emailInUse = () =>
  invalidField({ field: "email", reason: "taken" }, "another operator has this email");

/** A new operator with a generated password, which they replace at their first login. Returns
 *  the password: the only time anyone sees it. */
export async function inviteOperator(
  db: Database,
  actorId: string,
  input: CreateOperatorBody,
): Promise<{ operator: OperatorRow; password: string }> {
  const password = generatePassword();
  // Hashed before the transaction: argon2 takes its time without holding it open.
  const passwordHash = await hashPassword(password);
  const operator = await db
    .transaction(async (tx) => {
      if (await emailTaken(tx, input.email)) throw emailInUse();
      const { memberships, ...account } = input;
      const row = await insertOperator(tx, {
        ...account,
        chatLimit: account.chatLimit ?? null,
        passwordHash,
        passwordChangeRequired: true,
      });
      await recordChange(tx, {
        actorId,
        serviceId: null,
        subject: "operator",
        subjectId: row.id,
        action: "created",
        after: audited(row),
      });
      if (memberships) await setMemberships(tx, { actorId, operatorId: row.id, memberships });
      return row;
    })
    // Two administrators adding the same email at once: the constraint decides.
    .catch((error) => {
      throw isUniqueViolation(error) ? emailInUse() : error;
    });
  return { operator, password };
}

/** Changes the fields given, and the services when given; the last active administrator keeps
 *  their role. Returns the operator and the services where they may no longer chat. */
export async function updateOperator(
  db: Database,
  actorId: string,
  operatorId: string,
  changes: UpdateOperatorBody,
): Promise<{ operator: OperatorRow; lostChat: string[] }> {
  return db
    .transaction(async (tx) => {
      const administrators = await lockAdministrators(tx);
      const before = await lockExistingOperator(tx, operatorId);
      if (changes.email && (await emailTaken(tx, changes.email, operatorId))) throw emailInUse();
      if (changes.role === "operator" && before.role === "administrator") {
        requireAnotherAdministrator(administrators, operatorId);
      }
      const { memberships, ...account } = changes;
      const lostChat = memberships
        ? await setMemberships(tx, { actorId, operatorId, memberships })
        : [];
      if (Object.values(account).every((value) => value === undefined)) {
        return { operator: before, lostChat };
      }
      const after = await updateOperatorRow(tx, operatorId, account);
      await recordChange(tx, {
        actorId,
        serviceId: null,
        subject: "operator",
        subjectId: operatorId,
        action: "changed",
        before: audited(before),
        after: audited(after),
      });
      return { operator: after, lostChat };
    })
    .catch((error) => {
      throw isUniqueViolation(error) ? emailInUse() : error;
    });
}

/** Someone must be left to manage the installation: the operator may stop being an active
 *  administrator only when another active administrator remains (`administrators` locked by
 *  lockAdministrators in the same transaction). */
export function requireAnotherAdministrator(administrators: string[], operatorId: string): void {
  if (administrators.some((id) => id !== operatorId)) return;
  throw new AppError(
    "last_administrator",
    409,
    "this is the last active administrator: make another operator an administrator first",
  );
}

/** Locks the operator for a change of their account, or answers operator_not_found. */
export async function lockExistingOperator(tx: Transaction, operatorId: string) {
  const row = await lockOperator(tx, operatorId);
  if (!row) throw notFound("operator_not_found", "this operator");
  return row;
}
