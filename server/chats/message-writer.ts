/**
 * Group commit of chat messages (ARCHITECTURE.md, "the write path"). Messages that arrive while a
 * transaction is committing wait, and the next transaction stores them all: one lock statement,
 * one insert and one update for the whole group, one commit. Each sender is answered only after
 * the commit that holds its message, so an acknowledgement still means "stored".
 *
 * Within a group the rules of a single append hold for each message: the chat's row lock orders
 * its sequence numbers (across processes too), a client id the chat already has returns the stored
 * message, and a chat that is closed to the author refuses it without touching the others.
 */
import { and, asc, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "../db/client.js";
import { chats, messages } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import type { MessageRow } from "./present.js";
import { type ChatRow, liveStates } from "./queries.js";

/** A group's upper bound: keeps one transaction's statements and its lock set modest. */
const MAX_GROUP = 256;

export interface NewMessage {
  chatId: string;
  clientId: string;
  body: string;
  author: "customer" | "operator";
  operatorId: string | null;
  /** Whether the author may write to this chat, asked of the locked row (so a transfer cannot
   *  slip between the check and the write); a chat they may not write to answers "not found". */
  mayWrite(chat: ChatRow): boolean;
}

export interface WrittenMessage {
  row: MessageRow;
  /** False when the chat already had this client id: nothing new was stored. */
  created: boolean;
  /** The operator's first reply in the chat: it is processed now. */
  firstReply: boolean;
}

interface Waiting {
  input: NewMessage;
  resolve(written: WrittenMessage): void;
  reject(error: unknown): void;
}

type Outcome = { written: WrittenMessage } | { error: AppError };

export class MessageWriter {
  private queue: Waiting[] = [];
  private drains = 0;
  private scheduled = false;

  constructor(
    private readonly db: Database,
    /** Groups committing at once. On PostgreSQL a second group takes its locks while the first
     *  commits (each sender has one message in flight, and groups lock chats in id order, so
     *  order and deadlock-freedom hold); PGlite runs one statement at a time, so one is best. */
    private readonly inFlight = 1,
  ) {}

  write(input: NewMessage): Promise<WrittenMessage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.scheduled || this.drains >= this.inFlight) return;
      this.scheduled = true;
      // Frames read in the same turn of the event loop start one group, not one each.
      setImmediate(() => {
        this.scheduled = false;
        if (this.queue.length > 0 && this.drains < this.inFlight) void this.drain();
      });
    });
  }

  private async drain(): Promise<void> {
    this.drains += 1;
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, MAX_GROUP);
      await this.commit(group);
    }
    this.drains -= 1;
  }

  private async commit(group: Waiting[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.db.transaction((tx) =>
        storeGroup(
          tx,
          group.map((w) => w.input),
        ),
      );
    } catch (error) {
      // One message must not fail the others: alone, each gets its own answer.
      if (group.length > 1) {
        for (const waiting of group) await this.commit([waiting]);
      } else {
        group[0]?.reject(error);
      }
      return;
    }
    group.forEach((waiting, index) => {
      const outcome = outcomes[index] as Outcome;
      if ("error" in outcome) waiting.reject(outcome.error);
      else waiting.resolve(outcome.written);
    });
  }
}

async function storeGroup(tx: Transaction, inputs: NewMessage[]): Promise<Outcome[]> {
  const chatIds = [...new Set(inputs.map((input) => input.chatId))];
  // Locked in id order, so two processes' groups never wait on each other in a cycle.
  const locked = await tx
    .select()
    .from(chats)
    .where(inArray(chats.id, chatIds))
    .orderBy(asc(chats.id))
    .for("update");
  const chatById = new Map(locked.map((chat) => [chat.id, chat]));
  // Only what the authors may write is looked at further.
  const allowed = inputs.filter((input) => {
    const chat = chatById.get(input.chatId);
    return chat && input.mayWrite(chat);
  });
  const stored = allowed.length
    ? await tx
        .select()
        .from(messages)
        .where(
          and(
            inArray(messages.chatId, [...new Set(allowed.map((input) => input.chatId))]),
            inArray(
              messages.clientId,
              allowed.map((input) => input.clientId),
            ),
          ),
        )
    : [];
  const storedByKey = new Map(stored.map((row) => [keyOf(row), row]));

  const planned = new Map<string, typeof messages.$inferInsert>();
  /** Per chat, the key of the operator's first reply, when it is in this group. */
  const firstReplyKey = new Map<string, string>();
  const now = new Date();
  const decisions = inputs.map((input): Outcome | { key: string } => {
    const key = keyOf(input);
    const chat = chatById.get(input.chatId);
    const existing = storedByKey.get(key);
    if (!chat || !input.mayWrite(chat)) return { error: notFound("chat_not_found", "this chat") };
    if (existing) return { written: { row: existing, created: false, firstReply: false } };
    // The same message twice in one group (a resend racing its original): one row.
    if (planned.has(key)) return { key };
    if (!writableBy(chat, input.author)) {
      return { error: new AppError("chat_closed", 409, "this chat has ended") };
    }
    chat.lastSeq += 1;
    const { chatId, clientId, body, author, operatorId } = input;
    planned.set(key, {
      chatId,
      clientId,
      body,
      author,
      operatorId,
      seq: chat.lastSeq,
      createdAt: now,
    });
    if (input.author === "operator" && !chat.firstReplyAt && !firstReplyKey.has(chat.id)) {
      firstReplyKey.set(chat.id, key);
    }
    return { key };
  });
  if (planned.size === 0) return decisions as Outcome[];

  const rows = await tx
    .insert(messages)
    .values([...planned.values()])
    .returning();
  const rowByKey = new Map(rows.map((row) => [keyOf(row), row]));
  await updateChats(tx, [...planned.values()], chatById, new Set(firstReplyKey.keys()), now);

  const answered = new Set<string>();
  return decisions.map((decision) => {
    if (!("key" in decision)) return decision;
    const row = rowByKey.get(decision.key) as MessageRow;
    const created = !answered.has(decision.key);
    answered.add(decision.key);
    const firstReply = created && firstReplyKey.get(row.chatId) === decision.key;
    return { written: { row, created, firstReply } };
  });
}

const keyOf = (message: { chatId: string; clientId: string | null }) =>
  `${message.chatId}:${message.clientId}`;

/** The customer's side closes when they end the chat; the operator's when the operator does. */
function writableBy(chat: ChatRow, author: NewMessage["author"]): boolean {
  const writable: readonly string[] = author === "customer" ? liveStates.slice(0, 2) : liveStates;
  return writable.includes(chat.state);
}

/** Each chat's new last sequence number, the customer's latest activity and the first reply
 *  time, in one statement for the whole group. */
async function updateChats(
  tx: Transaction,
  planned: Array<typeof messages.$inferInsert>,
  chatById: Map<string, ChatRow>,
  firstReplies: Set<string>,
  now: Date,
): Promise<void> {
  const touched = [...new Set(planned.map((values) => values.chatId))];
  const fromCustomer = new Set(
    planned.filter((values) => values.author === "customer").map((values) => values.chatId),
  );
  const at = now.toISOString();
  const rows = touched.map((chatId) => {
    const chat = chatById.get(chatId) as ChatRow;
    const activeAt = fromCustomer.has(chatId) ? at : null;
    const firstReplyAt = firstReplies.has(chatId) ? at : null;
    return sql`(${chatId}::uuid, ${chat.lastSeq}::int, ${activeAt}::timestamptz, ${firstReplyAt}::timestamptz)`;
  });
  await tx.execute(sql`
    update ${chats} set
      last_seq = changed.last_seq,
      customer_active_at = coalesce(changed.active_at, ${chats.customerActiveAt}),
      first_reply_at = coalesce(${chats.firstReplyAt}, changed.first_reply_at)
    from (values ${sql.join(rows, sql`, `)}) as changed(id, last_seq, active_at, first_reply_at)
    where ${chats.id} = changed.id`);
}
