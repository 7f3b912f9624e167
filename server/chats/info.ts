/** Customer info and inquiry info (PRODUCT.md, 顧客情報 / お問い合わせ情報): saved together, in
 *  one transaction, held to the versions the operator edited from (docs/decisions.md, "edit
 *  conflicts"). For live and ended chats alike: chat history saves through here too. */
import { eq, sql } from "drizzle-orm";
import type { ChatInfoBody } from "../../shared/api.js";
import type { ChatSummary } from "../../shared/chat.js";
import { isOfferedProcessingType } from "../categories/categories.js";
import type { AppContext } from "../context.js";
import { lockCustomer, updateCustomerInfo } from "../customers/customers.js";
import { EditConflict, invalidField } from "../errors.js";
import { lockChat } from "./chats.js";
import { publishChatEntry } from "./events.js";
import { chatSummary } from "./queries.js";
import { chats } from "./schema.js";

/** Saves both parts, or neither: a part edited from an older version than the stored one refuses
 *  the whole save with the chat as it is now. Answers the saved chat. */
export async function saveChatInfo(
  context: AppContext,
  chatId: string,
  input: ChatInfoBody,
): Promise<ChatSummary> {
  const outdated = await context.db.transaction(async (tx) => {
    // The chat first, then its customer: the order every writer of both takes.
    const chat = await lockChat(tx, chatId);
    const customer = await lockCustomer(tx, chat.customerId);
    if (chat.version !== input.inquiry.version || customer.version !== input.customer.version) {
      return true;
    }
    const { processingTypeId } = input.inquiry;
    if (
      processingTypeId &&
      !(await isOfferedProcessingType(tx, chat.serviceId, processingTypeId, chat.processingTypeId))
    ) {
      throw invalidField(
        { field: "inquiry.processingTypeId", reason: "invalid_choice" },
        "not a processing type in use in the chat's service",
      );
    }
    const { name, email, notes } = input.customer;
    await updateCustomerInfo(tx, customer, { name, email, notes });
    if (processingTypeId !== chat.processingTypeId) {
      await tx
        .update(chats)
        .set({ processingTypeId, version: sql`${chats.version} + 1` })
        .where(eq(chats.id, chatId));
    }
    return false;
  });
  const saved = await chatSummary(context.db, chatId);
  if (!saved) throw new Error(`chat ${chatId} vanished`);
  if (outdated) {
    throw new EditConflict("a colleague saved this chat's info after you opened it", saved);
  }
  await publishChatEntry(context, saved);
  return saved;
}
