/**
 * Personal-data masking (issue 13): an operator replaces a range of a customer's or operator's
 * message with mask characters. The original is gone: the body is rewritten in place, the
 * search index of a closed chat is rewritten in the same transaction, and the audit row says
 * who masked which range of which message, never what it held. Never undone.
 */
import { and, eq, isNotNull, lte, sql } from "drizzle-orm";
import type { Message } from "../../shared/chat.js";
import type { FieldReason } from "../../shared/errors.js";
import { maskText, type RangeFault, rangeFault, type TextRange } from "../../shared/masking.js";
import { recordChange } from "../audit/audit.js";
import type { AppContext } from "../context.js";
import type { Database } from "../db/client.js";
import { AppError, invalidField, notFound } from "../errors.js";
import type { OperatorRow } from "../operators/operators.js";
import { operatorNameOf } from "../operators/operators.js";
import { lockChat } from "./chats.js";
import { publishMaskedMessage } from "./events.js";
import { presentMessage } from "./present.js";
import { chatRecordOf } from "./queries.js";
import { chatWords, messages } from "./schema.js";

const faultWords: Record<RangeFault, { field: "start" | "end"; reason: FieldReason }> = {
  out_of_range: { field: "end", reason: "out_of_range" },
  empty: { field: "end", reason: "end_before_start" },
  splits_character: { field: "start", reason: "splits_character" },
  already_masked: { field: "start", reason: "already_masked" },
};

/** Masks the range of the message for a member of its chat's service (or an administrator);
 *  answers the masked message, which the chat's parties and followers get as
 *  `message.masked`. */
export async function maskMessage(
  context: AppContext,
  operator: OperatorRow,
  messageId: string,
  range: TextRange,
): Promise<Message> {
  const [found] = await context.db
    .select({ chatId: messages.chatId })
    .from(messages)
    .where(eq(messages.id, messageId));
  if (!found) throw notFound("message_not_found", "this message");
  // A message of a chat the operator may not see is one that does not exist.
  await chatRecordOf(context.db, operator, found.chatId).catch(() => {
    throw notFound("message_not_found", "this message");
  });
  const masked = await context.db.transaction(async (tx) => {
    // The chat's row first, as a close takes it: a chat that closes meanwhile indexes its words
    // after this commits, and one closed before is re-indexed here.
    const chat = await lockChat(tx, found.chatId);
    const [message] = await tx
      .select()
      .from(messages)
      .where(eq(messages.id, messageId))
      .for("update");
    if (!message) throw notFound("message_not_found", "this message");
    if (message.author === "system") {
      throw new AppError(
        "message_not_maskable",
        409,
        "system messages hold no personal data to mask",
      );
    }
    const fault = rangeFault(message.body, range);
    if (fault) {
      const { field, reason } = faultWords[fault];
      throw invalidField(
        { field, reason, limit: message.body.length },
        `cannot mask this range: ${fault}`,
      );
    }
    const [row] = await tx
      .update(messages)
      .set({ body: maskText(message.body, range), maskedAt: sql`now()` })
      .where(eq(messages.id, message.id))
      .returning();
    if (!row) throw notFound("message_not_found", "this message");
    if (chat.state === "closed") {
      await tx
        .update(chatWords)
        .set({ grams: sql`chat_grams(${chat.id})` })
        .where(eq(chatWords.chatId, chat.id));
    }
    await recordChange(tx, {
      actorId: operator.id,
      serviceId: chat.serviceId,
      subject: "message",
      subjectId: message.id,
      action: "masked",
      after: { chatId: chat.id, seq: message.seq, start: range.start, end: range.end },
    });
    const [named] = await tx
      .select({ name: operatorNameOf(messages.operatorId) })
      .from(messages)
      .where(eq(messages.id, message.id));
    return presentMessage(row, named?.name ?? null);
  });
  await publishMaskedMessage(context, masked);
  return masked;
}

/** The masked messages of a chat up to a sequence number: a resumed client is sent them again,
 *  since it may hold their text from before the mask. */
export async function maskedMessagesUpTo(
  db: Database,
  chatId: string,
  upToSeq: number,
): Promise<Message[]> {
  const rows = await db
    .select({ message: messages, operatorName: operatorNameOf(messages.operatorId) })
    .from(messages)
    .where(
      and(eq(messages.chatId, chatId), isNotNull(messages.maskedAt), lte(messages.seq, upToSeq)),
    )
    .orderBy(messages.seq);
  return rows.map((row) => presentMessage(row.message, row.operatorName));
}
