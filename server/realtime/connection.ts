/**
 * One WebSocket connection: it authenticates on hello, follows chats (replay from the client's
 * cursor, then live events, in sequence order without gaps or repeats) and dispatches frames to
 * the chat functions. It holds no business rule of its own.
 */
import type { WebSocket } from "ws";
import type { Message } from "../../shared/chat.js";
import { isLive } from "../../shared/domain.js";
import type { ChatCursor, HelloFrame, ServerFrame } from "../../shared/protocol.js";
import { type BusEvent, topics } from "../bus/bus.js";
import { maskedMessagesUpTo } from "../chats/masking.js";
import type { Actor } from "../chats/policy.js";
import { chatOfParty, chatStateUpdate, liveChatsOf, messagesAfter } from "../chats/queries.js";
import { queuePosition, serveQueues } from "../chats/queue.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import type { OperatorRow } from "../operators/operators.js";
import { performAction } from "./actions.js";
import { FrameBudget, OPERATOR_FRAME_BURST, OPERATOR_FRAMES_PER_SECOND } from "./frame-budget.js";
import { errorFrame, type FrameRefs, readJson, refsOf, validateFrame } from "./frames.js";

/** Past this many unsent bytes a client is not reading; it is closed and will resume later. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** A replay waits for the socket to drain past this many unsent bytes: a long transcript goes at
 *  the client's pace instead of piling up in memory, and a client that reads is never mistaken
 *  for one that does not. */
const REPLAY_HIGH_WATER_BYTES = 256 * 1024;
const REPLAY_PAGE = 500;

/** A live message goes to every connection following its chat, and the bus hands all of a
 *  process's listeners the same object: its frame is serialized once, not once per receiver. */
const messageFrames = new WeakMap<Message, string>();

function messageFrameText(message: Message): string {
  let text = messageFrames.get(message);
  if (text === undefined) {
    text = JSON.stringify({ type: "message", message } satisfies ServerFrame);
    messageFrames.set(message, text);
  }
  return text;
}

interface FollowedChat {
  /** The highest sequence number sent to this client. */
  lastSent: number;
  /** Sends for this chat run one after another, so replay and live events never interleave. */
  queue: Promise<void>;
  unsubscribe: () => Promise<void>;
}

export class Connection {
  private actor: Actor | null = null;
  private readonly followed = new Map<string, FollowedChat>();
  private readonly unsubscribes: Array<() => Promise<void>> = [];
  /** Set as soon as the connection is given up: nothing more is sent, handled or followed. */
  private closed = false;
  /** Frames are handled one at a time, in the order they came. */
  private inbox: Promise<void> = Promise.resolve();
  /** Until an operator says hello, the customer's (smaller) budget. */
  private budget = new FrameBudget();
  /** An operator's events that come while their welcome is prepared: they may be newer than what
   *  the welcome's query saw, so they are handled after it (undefined once it is sent). */
  private heldForWelcome: BusEvent[] | undefined;

  constructor(
    private readonly context: AppContext,
    private readonly socket: WebSocket,
    /** The operator whose session cookie came with the upgrade, if any. */
    private readonly sessionOperator: () => Promise<OperatorRow | null>,
    /** The client's address, for the log. */
    private readonly address: string,
  ) {
    socket.on("message", (data, isBinary) => {
      if (this.closed) return;
      // Refused before it is queued: a flood costs no parsing and no memory.
      if (!this.budget.take()) {
        const limit = `over ${this.budget.perSecond} frames a second: reconnect and resume, slower`;
        this.send(errorFrame(new AppError("rate_limited", 429, limit)));
        this.shutDown(4429, "too many frames");
        return;
      }
      this.inbox = this.inbox.then(() => this.receive(data as Buffer, isBinary));
    });
    socket.on("close", () => void this.dispose());
  }

  private async receive(data: Buffer, isBinary: boolean): Promise<void> {
    // Frames queued behind a refusal are dropped: the client resends what was not acknowledged.
    if (this.closed) return;
    let json: unknown;
    try {
      json = readJson(data, isBinary);
    } catch (error) {
      this.fail(error);
      return;
    }
    try {
      const frame = validateFrame(json);
      if (frame.type === "hello") await this.hello(frame);
      else if (frame.type === "chat.follow") await this.followIfAllowed(frame);
      else {
        const reply = (response: ServerFrame) => this.send(response);
        await performAction({ context: this.context, actor: this.requireActor(), reply }, frame);
      }
    } catch (error) {
      this.fail(error, refsOf(json));
    }
  }

  private async hello(frame: HelloFrame): Promise<void> {
    if (this.actor) throw new AppError("validation_failed", 400, "hello was already said");
    this.actor = await this.authenticate(frame);
    const { actor } = this;
    const cursors = new Map(frame.cursors.map((cursor) => [cursor.chatId, cursor.lastSeq]));
    if (actor.role === "operator") {
      this.budget = new FrameBudget(OPERATOR_FRAME_BURST, OPERATOR_FRAMES_PER_SECOND);
      // Present and watching before the welcome: a welcomed console can be given chats at once.
      await this.registerPresence(actor.operator.id);
      this.heldForWelcome = [];
      try {
        await this.watchAssignments(actor.operator.id);
        const live = await liveChatsOf(this.context.db, actor.operator.id);
        const chatIds = live.map((chat) => chat.id);
        this.send({ type: "welcome", role: "operator", id: actor.operator.id, chatIds });
        for (const chat of live) {
          this.send({ type: "chat", chat });
          await this.follow({ chatId: chat.id, lastSeq: cursors.get(chat.id) ?? 0 });
        }
      } finally {
        // A chat given or taken meanwhile: sent before the welcome, it would have been pruned by
        // it, or undone by the older entry above.
        const held = this.heldForWelcome;
        this.heldForWelcome = undefined;
        for (const event of held) this.operatorEvent(actor.operator.id, event);
      }
      // A console that connects may be the free slot a queued chat waits for.
      await serveQueues(this.context);
    } else {
      this.send({ type: "welcome", role: "customer", id: actor.customer.customerId });
      // Each cursor on its own: a stale or foreign chat id is refused by name, the rest resume.
      for (const cursor of frame.cursors) {
        await this.followIfAllowed(cursor).catch((error) =>
          this.fail(error, { chatId: cursor.chatId }),
        );
      }
    }
  }

  private async authenticate(frame: HelloFrame): Promise<Actor> {
    if (frame.customerToken) {
      const customer = this.context.customerTokens.read(frame.customerToken);
      if (!customer) {
        throw new AppError(
          "unauthenticated",
          401,
          "the customer token is not valid",
          "customerToken",
        );
      }
      return { role: "customer", customer };
    }
    const operator = await this.sessionOperator();
    if (!operator) {
      throw new AppError("unauthenticated", 401, "log in as an operator or give a customer token");
    }
    return { role: "operator", operator };
  }

  /** The operator counts as connected while this socket lives, and for the grace period after. */
  private async registerPresence(operatorId: string): Promise<void> {
    const { presence } = this.context;
    const connectionId = await presence.connect(operatorId);
    this.track(() => presence.disconnect(connectionId));
  }

  /** Chats assigned to the operator, or changed, arrive on their own topic: a new one is followed
   *  at once; one that went to another operator or closed is let go. */
  private async watchAssignments(operatorId: string): Promise<void> {
    const unsubscribe = await this.context.bus.subscribe(topics.operator(operatorId), (event) => {
      if (this.heldForWelcome && event.type !== "signed_out") this.heldForWelcome.push(event);
      else this.operatorEvent(operatorId, event);
    });
    this.track(unsubscribe);
  }

  private operatorEvent(operatorId: string, event: BusEvent): void {
    if (event.type === "signed_out") {
      this.shutDown(4401, "signed out");
      return;
    }
    if (event.type === "ticket") {
      this.send(event);
      return;
    }
    if (event.type !== "chat") return;
    const { chat } = event;
    this.send({ type: "chat", chat });
    if (chat.operatorId === operatorId && isLive(chat.state)) {
      void this.follow({ chatId: chat.id, lastSeq: 0 }).catch((error) => this.fail(error));
    } else {
      void this.unfollow(chat.id);
    }
  }

  private async followIfAllowed({ chatId, lastSeq }: ChatCursor): Promise<void> {
    await chatOfParty(this.context.db, this.requireActor(), chatId);
    await this.follow({ chatId, lastSeq });
  }

  /** Subscribes first, then replays from the cursor: events that arrive during the replay wait in
   *  the chat's queue, so the client gets every message once, in order. */
  private async follow(cursor: ChatCursor): Promise<void> {
    if (this.followed.has(cursor.chatId)) return;
    const chat: FollowedChat = {
      lastSent: cursor.lastSeq,
      queue: Promise.resolve(),
      unsubscribe: async () => {},
    };
    this.followed.set(cursor.chatId, chat);
    const role = this.requireActor().role;
    chat.unsubscribe = await this.context.bus.subscribe(topics.chat(cursor.chatId), (event) => {
      switch (event.type) {
        case "message":
          this.enqueue(chat, () => this.catchUp(chat, event.message));
          return;
        case "message.masked":
          // Only to a client that holds it: one that does not yet will read it masked.
          this.enqueue(chat, async () => {
            if (event.message.seq <= chat.lastSent) this.send(event);
          });
          return;
        case "state":
          // Behind the messages already queued: a state follows the message that announced it.
          this.enqueue(chat, async () => this.send({ type: "chat.state", update: event.update }));
          return;
        case "typing":
        case "read":
          // Each side learns what the other side does, not its own echo.
          if (event.role !== role) this.send(event);
          return;
        case "queue.position":
          // Behind the state that queued the chat.
          if (role === "customer") this.enqueue(chat, async () => this.send(event));
          return;
      }
    });
    this.track(() => chat.unsubscribe());
    this.enqueue(chat, async () => {
      // What the client holds may have been masked since: it gets those messages again.
      if (cursor.lastSeq > 0) {
        for (const message of await maskedMessagesUpTo(
          this.context.db,
          cursor.chatId,
          cursor.lastSeq,
        )) {
          this.send({ type: "message.masked", message });
        }
      }
      await this.sendMissed(cursor.chatId, chat, Number.POSITIVE_INFINITY);
      this.send({ type: "synced", chatId: cursor.chatId, lastSeq: chat.lastSent });
      const state = await chatStateUpdate(this.context.db, cursor.chatId);
      if (state) this.send({ type: "chat.state", update: state });
      const position =
        role === "customer" ? await queuePosition(this.context.db, cursor.chatId) : null;
      if (position) this.send({ type: "queue.position", chatId: cursor.chatId, position });
    });
    await chat.queue;
  }

  private async unfollow(chatId: string): Promise<void> {
    const chat = this.followed.get(chatId);
    if (!chat) return;
    this.followed.delete(chatId);
    await chat.unsubscribe().catch(() => {});
  }

  private enqueue(chat: FollowedChat, step: () => Promise<void>): void {
    chat.queue = chat.queue.then(step).catch((error) => this.fail(error));
  }

  /** A live message: sent when it is the next one; a gap (events from several processes may
   *  overtake each other) is filled from the database. */
  private async catchUp(chat: FollowedChat, message: Message): Promise<void> {
    if (message.seq <= chat.lastSent) return;
    if (message.seq === chat.lastSent + 1) {
      this.sendChatMessage(chat, message);
      return;
    }
    await this.sendMissed(message.chatId, chat, message.seq);
  }

  private async sendMissed(chatId: string, chat: FollowedChat, upTo: number): Promise<void> {
    while (chat.lastSent < upTo && !this.closed) {
      const page = await messagesAfter(this.context.db, chatId, chat.lastSent, REPLAY_PAGE);
      for (const message of page) {
        if (this.closed) return;
        if (this.socket.bufferedAmount > REPLAY_HIGH_WATER_BYTES && !(await this.drained())) {
          this.shutDown(4408, "too slow: reconnect and resume");
          return;
        }
        this.sendChatMessage(chat, message);
      }
      if (page.length < REPLAY_PAGE) return;
    }
  }

  /** Whether what is buffered left the process within the stall bound (config.replayStallMs): a
   *  ping's callback runs when it, and so everything queued before it, is written. The bound
   *  frees a client that stopped reading, and the page of messages its replay holds, in seconds
   *  rather than at the heartbeat; at its default (10 s) a client reading a few tens of KB a
   *  second drains in time, and one closed resumes from its cursor with nothing lost. */
  private drained(): Promise<boolean> {
    return new Promise((resolve) => {
      const stalled = setTimeout(() => resolve(false), this.context.config.replayStallMs);
      this.socket.ping(undefined, undefined, (error) => {
        clearTimeout(stalled);
        resolve(!error);
      });
    });
  }

  private sendChatMessage(chat: FollowedChat, message: Message): void {
    chat.lastSent = message.seq;
    this.sendText(messageFrameText(message));
  }

  private requireActor(): Actor {
    if (!this.actor) throw new AppError("unauthenticated", 401, "say hello first");
    return this.actor;
  }

  private fail(error: unknown, refs: FrameRefs = {}): void {
    if (!(error instanceof AppError)) {
      this.context.log.error({ err: error }, "websocket frame failed");
    }
    this.send(errorFrame(error, refs));
    if (error instanceof AppError && error.code === "unauthenticated") {
      this.shutDown(4401, "unauthenticated");
    }
  }

  send(frame: ServerFrame): void {
    this.sendText(JSON.stringify(frame));
  }

  private sendText(text: string): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.shutDown(4408, "too slow: reconnect and resume");
      return;
    }
    this.socket.send(text);
  }

  /** Gives the client up at once (queued frames, replays and live events stop here) and closes;
   *  the close frame waits behind what is already buffered, so a client that reads again learns
   *  why. */
  private shutDown(code: number, reason: string): void {
    this.closed = true;
    // The client's doing (a flood, not reading, no valid hello) or a sign-out: news, not a fault.
    this.context.log.info(
      { address: this.address, closeCode: code, reason },
      "websocket closed by the server",
    );
    this.socket.close(code, reason);
  }

  /** A subscription made while the socket was closing is dropped at once. */
  private track(unsubscribe: () => Promise<void>): void {
    if (this.closed) void unsubscribe().catch(() => {});
    else this.unsubscribes.push(unsubscribe);
  }

  private async dispose(): Promise<void> {
    this.closed = true;
    await Promise.all(this.unsubscribes.map((unsubscribe) => unsubscribe().catch(() => {})));
  }
}
