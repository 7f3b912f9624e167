/** Operator management (issue 11): what administrators send to create, change, deactivate and
 *  place operators in services, and what an operator sends to choose their own password. */
import { z } from "zod";
import { managedOperator, membership, nameComponents, operatorRole } from "./api.js";
import { storable } from "./chat.js";

/** The most chats one operator may be allowed to hold at once. */
export const MAX_CHAT_LIMIT = 50;
/** A password an operator chooses: long enough to resist guessing, any characters. */
export const MIN_PASSWORD_LENGTH = 10;

const name = storable(z.string().trim().min(1).max(100));
const email = z.email().max(254);
/** null: the installation's limit. */
const chatLimit = z.number().int().min(1).max(MAX_CHAT_LIMIT).nullable();

export const operatorParams = z.object({ operatorId: z.uuid() });

/** The operator's services, all of them: a service left out is left. */
const memberships = z.array(membership).max(1000);

export const createOperatorBody = z.object({
  name,
  email,
  role: operatorRole,
  chatLimit: chatLimit.optional(),
  memberships: memberships.optional(),
});
export type CreateOperatorBody = z.infer<typeof createOperatorBody>;

/** Only the fields given change. */
export const updateOperatorBody = z.object({
  name: name.optional(),
  email: email.optional(),
  role: operatorRole.optional(),
  chatLimit: chatLimit.optional(),
  memberships: memberships.optional(),
});
export type UpdateOperatorBody = z.infer<typeof updateOperatorBody>;

export const managedOperatorResponse = z.object({ operator: managedOperator });
export type ManagedOperatorResponse = z.infer<typeof managedOperatorResponse>;

/** A new or reset account: the password is shown this once and stored only as a hash. */
export const operatorPasswordResponse = z.object({
  operator: managedOperator,
  password: z.string(),
});
export type OperatorPasswordResponse = z.infer<typeof operatorPasswordResponse>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: storable(z.string().min(MIN_PASSWORD_LENGTH).max(1024)),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

/** Named components of the OpenAPI document, as shared/api.ts names its own. */
nameComponents([
  [membership, "Membership", "A service the operator belongs to, and whether they get its chats"],
  [managedOperator, "ManagedOperator", "An operator as administrators manage them"],
  [createOperatorBody, "OperatorCreation", "A new operator's account and services"],
  [updateOperatorBody, "OperatorChange", "What changes of an operator: only the fields given"],
  [managedOperatorResponse, "ManagedOperatorResponse", "The operator, as administrators see them"],
  [operatorPasswordResponse, "OperatorWithPassword", "The operator and their password, shown once"],
  [changePasswordBody, "PasswordChange", "The current password and the new one"],
]);
