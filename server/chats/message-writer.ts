/**
 * Group commit of chat messages (ARCHITECTURE.md, "the write path"). Messages that arrive while a
 * transaction is committing wait, and the next transaction stores them all: one statement locks
 * the group's chats, one more (of fixed text, the group passed as arrays) checks client ids,
 * inserts and updates the chats, then one commit. Each sender is answered only after the commit
 * that holds its message, so an acknowledgement still means "stored".
 *
 * Within a group the rules of a single append hold for each message: the chat's row lock orders
 * its sequence numbers (across processes too), a client id the sender already used in the chat
 * returns the stored message, and a chat that is closed to the author refuses it without touching
 * the others.
 */
import { asc, sql } from "drizzle-orm";
import { type ChatState, customerWritableStates, liveStates } from "../../shared/domain.js";
import type { Database, Transaction } from "../db/client.js";
import { anyOf } from "../db/columns.js";
import { AppError, notFound } from "../errors.js";
import { type ChatRow, chats, type MessageRow } from "./schema.js";

/** What the writer reads of each locked chat: only what its rules and the statement need. */
const lockedColumns = {
  id: chats.id,
  serviceId: chats.serviceId,
  customerId: chats.customerId,
  operatorId: chats.operatorId,
  state: chats.state,
  lastSeq: chats.lastSeq,
  firstReplyAt: chats.firstReplyAt,
};
export type LockedChat = Pick<ChatRow, keyof typeof lockedColumns>;

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
  mayWrite(chat: LockedChat): boolean;
}

export interface WrittenMessage {
  row: MessageRow;
  /** False when the sender already used this client id in the chat: nothing new was stored. */
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
    .select(lockedColumns)
    .from(chats)
    .where(anyOf(chats.id, chatIds))
    .orderBy(asc(chats.id))
    .for("update");
  const chatById = new Map(locked.map((chat) => [chat.id, chat]));

  // Each message the author may write goes to the database once (a resend racing its original
  // in the same group is the same message), with whether the chat is still open to its author:
  // a closed chat still answers a resend with the stored message.
  const candidates = new Map<string, NewMessage>();
  const decisions = inputs.map((input): Outcome | { key: string } => {
    const chat = chatById.get(input.chatId);
    if (!chat || !input.mayWrite(chat)) return { error: notFound("chat_not_found", "this chat") };
    const key = keyOf(input);
    if (!candidates.has(key)) candidates.set(key, input);
    return { key };
  });
  if (candidates.size === 0) return decisions as Outcome[];

  const written = await insertNew(tx, [...candidates.values()], chatById);
  const answered = new Set<string>();
  return decisions.map((decision) => {
    if (!("key" in decision)) return decision;
    const result = written.get(decision.key);
    if (!result) return { error: new AppError("chat_closed", 409, "this chat has ended") };
    // The first answer for a new message says "created"; a repeat within the group does not.
    const created = result.created && !answered.has(decision.key);
    answered.add(decision.key);
    return { written: { row: result.row, created, firstReply: created && result.firstReply } };
  });
}

/** A message's identity for resends: its chat, its sender (the customer, or one operator) and the
 *  sender's client id, as the unique index on messages has it. */
const keyOf = (message: { chatId: string; operatorId: string | null; clientId: string | null }) =>
  `${message.chatId}:${message.operatorId ?? "customer"}:${message.clientId}`;

/** The customer's side closes when they end the chat; the operator's when the operator does. */
export function writableBy(chat: Pick<LockedChat, "state">, author: NewMessage["author"]): boolean {
  const writable: readonly ChatState[] =
    author === "customer" ? customerWritableStates : liveStates;
  return writable.includes(chat.state);
}

interface Inserted {
  row: MessageRow;
  created: boolean;
  firstReply: boolean;
}

/**
 * One statement for the rest of the group, under the locks just taken: the messages a chat
 * already has (by sender and client id) come back as they are; the others, where the chat is open to their
 * author, are numbered after the chat's last sequence number in group order and inserted; each
 * touched chat gets its new last sequence number, the customer's latest activity and the first
 * reply time. The text never changes (the group travels as arrays), so building it costs nothing
 * and it reads the same to the database every time.
 */
async function insertNew(
  tx: Transaction,
  candidates: NewMessage[],
  chatById: Map<string, LockedChat>,
): Promise<Map<string, Inserted>> {
  const column = <T>(pick: (input: NewMessage, chat: LockedChat) => T) =>
    sql.param(candidates.map((input) => pick(input, chatById.get(input.chatId) as LockedChat)));
  const result = await tx.execute(sql`
    with input as (
      select * from unnest(
        ${column((input) => input.chatId)}::uuid[],
        ${column((input) => input.clientId)}::text[],
        ${column((input) => input.body)}::text[],
        ${column((input) => input.author)}::text[],
        ${column((input) => input.operatorId)}::uuid[],
        ${column((input, chat) => writableBy(chat, input.author))}::boolean[],
        ${column((_, chat) => chat.lastSeq)}::int[],
        ${column((_, chat) => chat.firstReplyAt === null)}::boolean[]
      ) with ordinality as input(chat_id, client_id, body, author, operator_id, writable, last_seq,
                                 awaits_reply, position)
    ),
    existing as (
      select messages.* from messages join input
        on messages.chat_id = input.chat_id and messages.client_id = input.client_id
          and messages.operator_id is not distinct from input.operator_id
    ),
    fresh as (
      select input.*,
        input.last_seq + row_number() over chat_order as seq,
        input.author = 'operator' and input.awaits_reply
          and input.position = min(input.position) filter (where input.author = 'operator')
            over (partition by input.chat_id) as first_reply
      from input
      where input.writable and not exists (
        select 1 from existing
        where existing.chat_id = input.chat_id and existing.client_id = input.client_id
          and existing.operator_id is not distinct from input.operator_id)
      window chat_order as (partition by input.chat_id order by input.position)
    ),
    inserted as (
      insert into messages (chat_id, seq, client_id, author, operator_id, body)
      select chat_id, seq, client_id, author, operator_id, body from fresh
      returning *
    ),
    changed as (
      update chats set
        last_seq = touched.last_seq,
        customer_active_at = case when touched.from_customer then now()
                                  else chats.customer_active_at end,
        first_reply_at = coalesce(chats.first_reply_at, touched.first_reply_at)
      from (
        select chat_id, max(seq) as last_seq, bool_or(author = 'customer') as from_customer,
          case when bool_or(first_reply) then now() end as first_reply_at
        from fresh group by chat_id
      ) as touched
      where chats.id = touched.chat_id
    )
    select row.*, created, first_reply from (
      select inserted.*, true as created, fresh.first_reply from inserted
        join fresh on fresh.chat_id = inserted.chat_id and fresh.client_id = inserted.client_id
          and fresh.operator_id is not distinct from inserted.operator_id
      union all
      select existing.*, false, false from existing
    ) as row`);
  const written = new Map<string, Inserted>();
  for (const raw of (result as { rows: RawWritten[] }).rows) {
    const row: MessageRow = {
      id: raw.id,
      chatId: raw.chat_id,
      seq: raw.seq,
      clientId: raw.client_id,
      author: raw.author,
      operatorId: raw.operator_id,
      event: raw.event,
      body: raw.body,
      maskedAt: raw.masked_at === null ? null : new Date(raw.masked_at),
      // Null but for a resend whose client id an upload used (server/attachments).
      attachment: raw.attachment,
      createdAt: new Date(raw.created_at),
    };
    written.set(keyOf(row), { row, created: raw.created, firstReply: raw.first_reply });
  }
  return written;
}

/** A row of that statement as the drivers give it: column names as in the table. */
interface RawWritten {
  id: string;
  chat_id: string;
  seq: number;
  client_id: string;
  author: MessageRow["author"];
  operator_id: string | null;
  event: MessageRow["event"];
  body: string;
  /** Set on a resent message's stored row, if it was masked since (as created_at). */
  masked_at: Date | string | null;
  attachment: MessageRow["attachment"];
  /** A Date or the database's text, depending on the driver. */
  created_at: Date | string;
  created: boolean;
  first_reply: boolean;
}
