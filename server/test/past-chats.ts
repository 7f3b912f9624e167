/** Chats that happened: rows written straight into the tables, with the times, holders,
 *  messages and outcome a chat history test needs (the live path is the realtime tests'). */
import { eq } from "drizzle-orm";
import type { Channel } from "../../shared/domain.js";
import type { Database } from "../db/client.js";
import { chatAssignments, chats, customers, messages, processingTypes } from "./tables.js";

export interface PastChat {
  serviceId: string;
  requestedAt: Date;
  customer?: { name?: string; email?: string };
  /** Who held it, in order: the first took it, each next one by a transfer. */
  holders?: string[];
  /** What was said: "customer: …", "operator: …" or "system: …". */
  messages?: string[];
  channel?: Channel;
  processingTypeId?: string;
  rating?: number;
  /** Opened and answered; an operator's message is the reply. */
  processed?: boolean;
  /** Minutes after the request at which each holder took it (else 0, 1, 2…). */
  heldFrom?: number[];
  /** Minutes after the request: first opened, first replied (processed: both 1), rated. */
  openedAfter?: number;
  repliedAfter?: number;
  ratedAfter?: number;
  /** Minutes after the request the customer ended it (the operator may never have). */
  customerEndedAfter?: number;
  /** Minutes from the request to the end; absent: still live. */
  minutes?: number;
}

export async function buildPastChat(db: Database, chat: PastChat): Promise<string> {
  const [customer] = await db
    .insert(customers)
    .values({
      serviceId: chat.serviceId,
      name: chat.customer?.name,
      email: chat.customer?.email,
    })
    .returning();
  if (!customer) throw new Error("no customer");
  const at = (minutes: number) => new Date(chat.requestedAt.getTime() + minutes * 60_000);
  const moment = (minutes: number | undefined) => (minutes === undefined ? null : at(minutes));
  const holders = chat.holders ?? [];
  const endedAt = chat.minutes === undefined ? null : at(chat.minutes);
  const [row] = await db
    .insert(chats)
    .values({
      serviceId: chat.serviceId,
      customerId: customer.id,
      operatorId: holders.at(-1) ?? null,
      // Closed below, once its messages are in, as a real chat closes (migration 0016 indexes a
      // chat's words when it closes).
      state: holders.length > 0 || endedAt ? "active" : "waiting",
      channel: chat.channel ?? "widget",
      language: "en",
      processingTypeId: chat.processingTypeId,
      consentedAt: chat.requestedAt,
      requestedAt: chat.requestedAt,
      firstOpenedAt: moment(chat.openedAfter ?? (chat.processed ? 1 : undefined)),
      firstReplyAt: moment(chat.repliedAfter ?? (chat.processed ? 1 : undefined)),
      customerEndedAt: moment(chat.customerEndedAfter),
      endedAt,
      rating: chat.rating,
      ratedAt: chat.rating === undefined ? null : moment(chat.ratedAfter ?? chat.minutes ?? 0),
      lastSeq: chat.messages?.length ?? 0,
    })
    .returning();
  if (!row) throw new Error("no chat");
  for (const [index, operatorId] of holders.entries()) {
    await db.insert(chatAssignments).values({
      chatId: row.id,
      customerId: customer.id,
      operatorId,
      fromOperatorId: index > 0 ? holders[index - 1] : null,
      reason: index > 0 ? "transferred" : "requested",
      assignedAt: at(chat.heldFrom?.[index] ?? index),
    });
  }
  const said = (chat.messages ?? []).map((line, index) => {
    const [author, ...body] = line.split(": ");
    const by = author as "customer" | "operator" | "system";
    return {
      chatId: row.id,
      seq: index + 1,
      author: by,
      operatorId: by === "operator" ? (holders[0] ?? null) : null,
      body: body.join(": "),
      createdAt: at(index),
    };
  });
  if (said.length > 0) await db.insert(messages).values(said);
  if (endedAt) await db.update(chats).set({ state: "closed" }).where(eq(chats.id, row.id));
  return row.id;
}

/** A processing type under a parent (or at the top), named in English. */
export async function buildProcessingType(
  db: Database,
  serviceId: string,
  name: string,
  parent?: { id: string; depth: number },
): Promise<{ id: string; depth: number }> {
  const [row] = await db
    .insert(processingTypes)
    .values({
      serviceId,
      parentId: parent?.id ?? null,
      depth: (parent?.depth ?? 0) + 1,
      names: { en: name, ja: `${name}（日本語）` },
    })
    .returning();
  if (!row) throw new Error("no processing type");
  return { id: row.id, depth: row.depth };
}
