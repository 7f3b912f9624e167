/** Operator changes that reach into their chats: above chats/, which hands the chats over. */
import type { UpdateOperatorBody } from "../../shared/operators.js";
import { deactivateOperator } from "../auth/accounts.js";
import { releaseChatsOf } from "../chats/lifecycle.js";
import { serveQueues } from "../chats/queue.js";
import type { AppContext } from "../context.js";
import { updateOperator } from "../operators/management.js";

/** Deactivates the operator (their consoles close at once) and hands their live chats to other
 *  online members, or leaves them waiting for the next free one. */
export async function deactivate(context: AppContext, actorId: string, operatorId: string) {
  const deactivated = await deactivateOperator(context, operatorId, actorId);
  await releaseChatsOf(context, operatorId);
  return deactivated;
}

/** Changes the operator's account and services in one transaction; chats of a service they may
 *  no longer chat for go to someone who may, and a limit raised or a service added serves the
 *  queue. */
export async function changeOperator(
  context: AppContext,
  actorId: string,
  operatorId: string,
  changes: UpdateOperatorBody,
) {
  const { operator, lostChat } = await updateOperator(context.db, actorId, operatorId, changes);
  for (const serviceId of lostChat) await releaseChatsOf(context, operatorId, serviceId);
  await serveQueues(context);
  return operator;
}
