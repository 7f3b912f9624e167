/**
 * Attachments (issue 12): a chat's party sends a file, which becomes a message of the chat; its
 * readers download it. The limits are the installation's settings; the bytes go to the store
 * (storage.ts) before the message commits, and are removed again when it does not.
 */
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { and, eq, isNull } from "drizzle-orm";
import {
  type AttachmentLimits,
  attachmentRefusal,
  defaultAttachmentLimits,
  extensionOf,
  recognisedTypes,
} from "../../shared/attachment-rules.js";
import type { Attachment } from "../../shared/attachments.js";
import type { Message } from "../../shared/chat.js";
import type { FieldReason } from "../../shared/errors.js";
import { recordChange } from "../audit/audit.js";
import { publishStoredMessage, storeFileMessage } from "../chats/chats.js";
import type { Actor } from "../chats/policy.js";
import { presentMessage } from "../chats/present.js";
import { chatOfParty, findChat } from "../chats/queries.js";
import type { AppContext } from "../context.js";
import type { Database, Transaction } from "../db/client.js";
import { AppError, invalidField } from "../errors.js";
import { getSetting, putSetting } from "../settings/settings.js";
import { contentTypeOf, SIGNATURE_BYTES } from "./content-type.js";
import { mayDownload } from "./policy.js";
import { type AttachmentRow, attachments } from "./schema.js";
import type { AttachmentStore } from "./storage.js";

export async function attachmentLimitsOf(db: Database | Transaction): Promise<AttachmentLimits> {
  return (await getSetting(db, "attachmentLimits")) ?? defaultAttachmentLimits;
}

/** An administrator's new limits, stored with their entry in the audit log (one transaction). */
export function changeAttachmentLimits(
  db: Database,
  actorId: string,
  limits: AttachmentLimits,
): Promise<void> {
  return db.transaction(async (tx) => {
    const before = await attachmentLimitsOf(tx);
    await putSetting(tx, "attachmentLimits", limits);
    await recordChange(tx, {
      actorId,
      serviceId: null,
      subject: "setting",
      subjectId: "attachmentLimits",
      action: "changed",
      before: { ...before },
      after: { ...limits },
    });
  });
}

/** A file as it arrives: its name, the length its sender declared (when it did), the bytes. */
export interface IncomingFile {
  name: string;
  declaredBytes: number | null;
  bytes: AsyncIterable<Buffer> | Iterable<Buffer>;
}

const refused = (reason: FieldReason, limits: AttachmentLimits, message: string) =>
  invalidField(
    { field: "file", reason, limit: reason === "too_big" ? limits.maxBytes : undefined },
    message,
  );

const refusalWords: Record<NonNullable<ReturnType<typeof attachmentRefusal>>, FieldReason> = {
  type_not_allowed: "type_not_allowed",
  too_big: "too_big",
  empty: "too_small",
};

/**
 * Stores a file within the limits and answers what readers are shown. The size is counted as
 * the bytes arrive (a declared length can lie) and the type read from the first bytes: an image
 * or a PDF by name must be one. Nothing stays in the store when the file is refused.
 */
export async function storeFile(
  store: AttachmentStore,
  limits: AttachmentLimits,
  file: IncomingFile,
): Promise<Attachment> {
  const early = attachmentRefusal({ name: file.name, size: file.declaredBytes ?? 1 }, limits);
  if (early) throw refused(refusalWords[early], limits, `the file is refused: ${early}`);
  const id = randomUUID();
  let size = 0;
  let head = Buffer.alloc(0);
  async function* counted() {
    for await (const piece of file.bytes) {
      size += piece.length;
      if (size > limits.maxBytes) {
        throw refused("too_big", limits, `a file holds at most ${limits.maxBytes} bytes`);
      }
      if (head.length < SIGNATURE_BYTES) head = Buffer.concat([head, piece]);
      yield piece;
    }
  }
  await store.write(id, counted());
  const contentType = contentTypeOf(head);
  const claimed = recognisedTypes[extensionOf(file.name)];
  const fault =
    size === 0 ? "too_small" : claimed && claimed !== contentType ? "content_mismatch" : null;
  if (fault) {
    await store.remove(id);
    throw refused(fault, limits, `the file is refused: ${fault}`);
  }
  return { id, name: file.name, contentType, size };
}

/**
 * A chat's party sends a file: it is stored, then committed as a message of the chat with the
 * attachment's row in one transaction; both sides get it as any message. The chat is checked
 * before the upload is read, and again under its lock.
 */
export async function sendAttachment(
  context: AppContext,
  actor: Actor,
  chatId: string,
  clientId: string,
  file: IncomingFile,
): Promise<Message> {
  const { db } = context;
  const chat = await chatOfParty(db, actor, chatId);
  const author = actor.role;
  const operatorId = actor.role === "operator" ? actor.operator.id : null;
  const stored = await storeFile(context.attachments, await attachmentLimitsOf(db), file);
  try {
    const { row, created, firstReply } = await db.transaction(async (tx) => {
      const written = await storeFileMessage(tx, chat.id, {
        author,
        operatorId,
        clientId,
        attachment: stored,
      });
      if (written.created) {
        await tx.insert(attachments).values({ ...stored, serviceId: chat.serviceId, chatId });
      }
      return written;
    });
    // A resend answers the first upload's message: this one's bytes are not needed.
    if (!created) await context.attachments.remove(stored.id);
    const message = presentMessage(row, actor.role === "operator" ? actor.operator.name : null);
    if (created) await publishStoredMessage(context, message, firstReply);
    return message;
  } catch (error) {
    await context.attachments.remove(stored.id);
    throw error;
  }
}

/** The inquiry form's file, stored ahead of the form (the widget sends it first; the help
 *  center's page reads it from the form's body): its row names the service only until the form's
 *  transaction claims it for the ticket. */
export async function storeFormAttachment(
  context: AppContext,
  serviceId: string,
  file: IncomingFile,
): Promise<Attachment> {
  const stored = await storeFile(context.attachments, await attachmentLimitsOf(context.db), file);
  await context.db.insert(attachments).values({ ...stored, serviceId });
  return stored;
}

/** Removes a form's file that no ticket took (the form was refused). */
export async function discardFormAttachment(context: AppContext, id: string): Promise<void> {
  await context.db
    .delete(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.chatId), isNull(attachments.ticketId)));
  await context.attachments.remove(id);
}

/** The form's file, taken for the ticket the transaction is making: only a file stored for this
 *  service's form and not yet taken (else the field is refused). */
export async function claimFormAttachment(
  tx: Transaction,
  id: string,
  serviceId: string,
): Promise<{ attachment: Attachment; bind(ticketId: string): Promise<void> }> {
  const [row] = await tx
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.id, id),
        eq(attachments.serviceId, serviceId),
        isNull(attachments.chatId),
        isNull(attachments.ticketId),
      ),
    )
    .for("update");
  if (!row) {
    throw invalidField({ field: "attachmentId", reason: "invalid" }, "no such file for this form");
  }
  const { name, contentType, size } = row;
  return {
    attachment: { id, name, contentType, size },
    bind: async (ticketId) => {
      await tx.update(attachments).set({ ticketId }).where(eq(attachments.id, id));
    },
  };
}

/** An attachment and its bytes, for whoever may download it; anyone else is told there is none. */
export async function openAttachment(
  context: AppContext,
  actor: Actor,
  attachmentId: string,
): Promise<{ attachment: AttachmentRow; bytes: Readable }> {
  const { db } = context;
  const [attachment] = await db.select().from(attachments).where(eq(attachments.id, attachmentId));
  const chat = attachment?.chatId ? await findChat(db, attachment.chatId) : null;
  if (!attachment || !(await mayDownload(db, actor, attachment, chat))) {
    throw new AppError(
      "attachment_not_found",
      404,
      "this attachment does not exist or is not yours",
    );
  }
  return { attachment, bytes: context.attachments.read(attachment.id) };
}
