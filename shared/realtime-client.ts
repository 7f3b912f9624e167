/**
 * The protocol's client side, shared by the console and the widget: it connects, says where it
 * left off, keeps each chat's messages in sequence order, and resends unacknowledged messages
 * with their original client id after a reconnect or a retryable refusal, so nothing the user
 * typed is lost or doubled. In a browser it follows the network: offline, it drops the
 * connection (a dead network may not close a socket for minutes) and waits; online, it
 * reconnects at once.
 */
import type { ChatStateUpdate, ChatSummary, Message } from "./chat.js";
import type {
  ChatActionFrame,
  ClientFrame,
  ErrorFrame,
  QueuePositionFrame,
  ReadNoticeFrame,
  SendMessageFrame,
  ServerFrame,
  TicketNoticeFrame,
  TypingNoticeFrame,
  WelcomeFrame,
} from "./protocol.js";

export type ConnectionState = "connecting" | "open" | "closed";

export type PendingMessage = Pick<SendMessageFrame, "chatId" | "clientId" | "body">;

/** Refusals of a `message.send` that say "not now" rather than "never": the message stays
 *  waiting and is sent again, with its clientId, after a backoff (docs/protocol.md). */
export const RETRYABLE_REFUSALS: readonly ErrorFrame["code"][] = ["internal_error", "rate_limited"];

/** What a client tells its listeners, by event name. */
export interface RealtimeEvents {
  message: Message;
  /** A message the transcript holds was masked: the transcript now has the masked one. */
  masked: Message;
  chat: ChatSummary;
  /** A chat's state or rating changed (both roles). */
  state: ChatStateUpdate;
  typing: Omit<TypingNoticeFrame, "type">;
  read: Omit<ReadNoticeFrame, "type">;
  /** Customers: the queued chat's place in its service's queue. */
  queue: Omit<QueuePositionFrame, "type">;
  /** Operators: a ticket they may see was made or changed. */
  ticket: Omit<TicketNoticeFrame, "type">;
  error: ErrorFrame;
  connection: ConnectionState;
  welcome: Omit<WelcomeFrame, "type">;
  /** A followed chat's replay is over: what comes next is news. */
  synced: { chatId: string };
}

export interface RealtimeClientOptions {
  /** ws:// or wss:// URL of /ws. */
  url: string;
  customerToken?: string;
  /** Longest wait between reconnect attempts. */
  maxBackoffMs?: number;
}

/** The WebSocket endpoint of the server that served the page (`location` in a browser). */
export function sameOriginSocketUrl(page: { protocol: string; host: string }): string {
  return `${page.protocol === "https:" ? "wss" : "ws"}://${page.host}/ws`;
}

/** The browser's network events and state, where there are (Node has neither). */
const platform = globalThis as unknown as {
  addEventListener?(type: "online" | "offline", listener: () => void): void;
  removeEventListener?(type: "online" | "offline", listener: () => void): void;
  navigator?: { onLine?: boolean };
};

export class RealtimeClient {
  state: ConnectionState = "closed";
  private socket: WebSocket | null = null;
  private stopped = true;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly transcripts = new Map<string, Message[]>();
  /** The chats this connection's hello named: one followed later goes by chat.follow. */
  private readonly announced = new Set<string>();
  private readonly outbox = new Map<string, PendingMessage>();
  /** Per waiting message, how many retryable refusals it has had, and its resend timer. */
  private readonly retries = new Map<
    string,
    { count: number; timer: ReturnType<typeof setTimeout> }
  >();
  private readonly listeners: {
    [K in keyof RealtimeEvents]: Set<(value: RealtimeEvents[K]) => void>;
  } = {
    message: new Set(),
    masked: new Set(),
    chat: new Set(),
    state: new Set(),
    typing: new Set(),
    read: new Set(),
    queue: new Set(),
    ticket: new Set(),
    error: new Set(),
    connection: new Set(),
    welcome: new Set(),
    synced: new Set(),
  };

  constructor(private readonly options: RealtimeClientOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    platform.addEventListener?.("offline", this.wentOffline);
    platform.addEventListener?.("online", this.cameOnline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    platform.removeEventListener?.("offline", this.wentOffline);
    platform.removeEventListener?.("online", this.cameOnline);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const { timer } of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
    this.drop();
  }

  /** Follow a chat (customers name theirs; operators follow their assigned chats anyway): on a
   *  live connection at once (chat.follow), otherwise in the next connection's hello. */
  follow(chatId: string): void {
    if (this.transcripts.has(chatId)) return;
    this.transcripts.set(chatId, []);
    if (this.state === "open") this.announce(chatId);
  }

  /** Queue a message; it is sent now or on the next connection, until acknowledged. */
  send(chatId: string, body: string): PendingMessage {
    const pending = { chatId, clientId: newClientId(), body };
    this.outbox.set(pending.clientId, pending);
    this.transmit({ type: "message.send", ...pending });
    return pending;
  }

  /** A chat action (end, rate, typing, read, transfer…). Not queued: it is sent only while
   *  connected, and returns whether it was. */
  act(frame: ChatActionFrame): boolean {
    if (this.state !== "open") return false;
    this.socket?.send(JSON.stringify(frame));
    return true;
  }

  messages(chatId: string): readonly Message[] {
    return this.transcripts.get(chatId) ?? [];
  }

  /** Sent and not yet in the transcript: shown as sending. The server's copy of a message can
   *  arrive before its acknowledgement, so the outbox alone would show it twice. */
  pending(chatId: string): PendingMessage[] {
    const stored = new Set(this.messages(chatId).map((message) => message.clientId));
    return [...this.outbox.values()].filter(
      (pending) => pending.chatId === chatId && !stored.has(pending.clientId),
    );
  }

  on<K extends keyof RealtimeEvents>(
    event: K,
    listener: (value: RealtimeEvents[K]) => void,
  ): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  private readonly wentOffline = () => {
    this.drop();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
  };

  private readonly cameOnline = () => {
    if (this.stopped || this.socket) return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.attempt = 0;
    this.connect();
  };

  /** Closes the connection without waiting for its close: what is not acknowledged waits in the
   *  outbox for the next one. */
  private drop(): void {
    this.socket?.close();
    this.socket = null;
    this.setState("closed");
  }

  private connect(): void {
    // Offline, an attempt can only fail: the online event brings the next one.
    if (platform.navigator?.onLine === false) return;
    this.setState("connecting");
    const socket = new WebSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.sendHello();
    };
    socket.onmessage = (event) => this.receive(JSON.parse(String(event.data)) as ServerFrame);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setState("closed");
      if (!this.stopped) this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    const delay = reconnectDelay(this.attempt, this.options.maxBackoffMs);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private sendHello(): void {
    this.announced.clear();
    const cursors = [...this.transcripts.keys()].map((chatId) => {
      this.announced.add(chatId);
      return this.cursor(chatId);
    });
    this.socket?.send(
      JSON.stringify({ type: "hello", customerToken: this.options.customerToken, cursors }),
    );
  }

  /** Follows a chat on the open connection, from what the client holds of it. */
  private announce(chatId: string): void {
    this.announced.add(chatId);
    this.transmit({ type: "chat.follow", ...this.cursor(chatId) });
  }

  private cursor(chatId: string) {
    return { chatId, lastSeq: this.transcripts.get(chatId)?.at(-1)?.seq ?? 0 };
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case "welcome":
        this.setState("open");
        this.emit("welcome", { role: frame.role, id: frame.id, chatIds: frame.chatIds });
        // Followed after the hello went out, before it was answered.
        for (const chatId of this.transcripts.keys()) {
          if (!this.announced.has(chatId)) this.announce(chatId);
        }
        for (const pending of this.outbox.values()) {
          this.transmit({ type: "message.send", ...pending });
        }
        return;
      case "message":
        this.store(frame.message);
        return;
      case "message.masked":
        this.replace(frame.message);
        return;
      case "ack":
        this.settle(frame.clientId);
        this.store(frame.message);
        return;
      case "chat":
        if (!this.transcripts.has(frame.chat.id)) this.transcripts.set(frame.chat.id, []);
        this.emit("chat", frame.chat);
        return;
      case "error":
        if (frame.clientId && RETRYABLE_REFUSALS.includes(frame.code)) {
          this.retryLater(frame.clientId);
          return;
        }
        // A refused message will never be acknowledged: stop resending it.
        if (frame.clientId) this.settle(frame.clientId);
        // A chat that cannot be followed (not this customer's, or gone): stop asking for it.
        if (frame.chatId && frame.code === "chat_not_found") this.transcripts.delete(frame.chatId);
        this.emit("error", frame);
        return;
      case "chat.state":
        this.emit("state", frame.update);
        return;
      case "typing":
        this.emit("typing", { chatId: frame.chatId, role: frame.role, typing: frame.typing });
        return;
      case "read":
        this.emit("read", { chatId: frame.chatId, role: frame.role, seq: frame.seq });
        return;
      case "queue.position":
        this.emit("queue", { chatId: frame.chatId, position: frame.position });
        return;
      case "ticket":
        this.emit("ticket", { ticketId: frame.ticketId, serviceId: frame.serviceId });
        return;
      case "synced":
        this.emit("synced", { chatId: frame.chatId });
        return;
    }
  }

  /** Sends a message the server could not take now again after a wait that grows with each
   *  refusal (reconnectDelay), unless a reconnect sent it first. */
  private retryLater(clientId: string): void {
    const previous = this.retries.get(clientId);
    if (previous) clearTimeout(previous.timer);
    const count = previous?.count ?? 0;
    const timer = setTimeout(
      () => {
        const pending = this.outbox.get(clientId);
        if (pending) this.transmit({ type: "message.send", ...pending });
      },
      reconnectDelay(count, this.options.maxBackoffMs),
    );
    this.retries.set(clientId, { count: count + 1, timer });
  }

  /** The message's wait is over: acknowledged, or refused for good. */
  private settle(clientId: string): void {
    this.outbox.delete(clientId);
    const retry = this.retries.get(clientId);
    if (retry) clearTimeout(retry.timer);
    this.retries.delete(clientId);
  }

  /** Keeps each transcript in sequence order and ignores what it already holds. */
  private store(message: Message): void {
    const transcript = this.transcripts.get(message.chatId) ?? [];
    this.transcripts.set(message.chatId, transcript);
    const last = transcript.at(-1);
    if (last && message.seq <= last.seq) {
      if (transcript.some((held) => held.seq === message.seq)) return;
      transcript.push(message);
      transcript.sort((a, b) => a.seq - b.seq);
    } else {
      transcript.push(message);
    }
    this.emit("message", message);
  }

  /** A masked message takes the place of the one of the same seq, if the transcript holds it
   *  (one it does not hold yet arrives masked). */
  private replace(message: Message): void {
    const transcript = this.transcripts.get(message.chatId);
    const index = transcript?.findIndex((held) => held.seq === message.seq) ?? -1;
    if (!transcript || index < 0) return;
    transcript[index] = message;
    this.emit("masked", message);
  }

  private transmit(frame: ClientFrame): void {
    if (this.state === "open") this.socket?.send(JSON.stringify(frame));
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit("connection", state);
  }

  private emit<K extends keyof RealtimeEvents>(event: K, value: RealtimeEvents[K]): void {
    for (const listener of this.listeners[event]) listener(value);
  }
}

/** The wait before reconnect attempt `attempt` (0 after a connection that opened): doubling from
 *  250 ms up to the ceiling, each wait between half and all of it, so that clients a restart
 *  dropped together do not come back together. */
export function reconnectDelay(
  attempt: number,
  ceilingMs = 10_000,
  random = Math.random(),
): number {
  return Math.min(ceilingMs, 250 * 2 ** attempt) * (0.5 + random / 2);
}

function newClientId(): string {
  return crypto.randomUUID();
}
