/**
 * One client of a load test over real WebSockets: a customer (their chat) or an operator (the
 * chats assigned to them). Like shared/realtime-client.ts it says where it left off when it
 * connects and resends every unacknowledged message with its original client id; unlike it, it
 * keeps every message frame as received, so that a repeat or a gap shows in the test.
 */
import { once } from "node:events";
import WebSocket from "ws";
import type { StartChatResponse } from "../shared/api.js";
import type { Message } from "../shared/chat.js";
import type { ServerFrame } from "../shared/protocol.js";

const WAIT_LIMIT_MS = 60_000;

const waiters = new Set<() => void>();
const notify = () => {
  for (const wake of waiters) wake();
};

/** Resolves once the condition holds, checked after every frame and every close. */
export function until(condition: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!condition()) return;
      finish();
      resolve();
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`waited in vain for ${what}`));
    }, WAIT_LIMIT_MS);
    const finish = () => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    waiters.add(check);
    check();
  });
}

interface Pending {
  chatId: string;
  clientId: string;
  body: string;
}

export class Party {
  /** Per chat, every message frame in the order it came, across connections. */
  readonly received = new Map<string, Message[]>();
  /** Per client id, the stored message its ack carried. */
  readonly acked = new Map<string, Message>();
  readonly outbox = new Map<string, Pending>();
  /** Error frames: none are expected. */
  readonly problems: string[] = [];
  private readonly synced = new Set<string>();
  private ws: WebSocket | null = null;
  private welcomed = false;
  private sent = 0;

  private constructor(
    readonly name: string,
    private readonly customerToken: string | undefined,
    private readonly headers: Record<string, string>,
    readonly chatIds: string[],
  ) {}

  static async operator(httpUrl: string, account: { email: string; password: string }) {
    const response = await fetch(`${httpUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(account),
    });
    const cookie = response.headers.get("set-cookie")?.split(";")[0];
    if (response.status !== 200 || !cookie) throw new Error(`login failed: ${response.status}`);
    return new Party(account.email, undefined, { cookie }, []);
  }

  static async customer(httpUrl: string, serviceKey: string) {
    const response = await fetch(`${httpUrl}/api/widget/chats`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        serviceKey,
        consent: true,
        channel: "widget",
        pageUrl: "https://shop.example.com/",
      }),
    });
    if (response.status !== 201) throw new Error(`chat request failed: ${await response.text()}`);
    const { chat, customerToken } = (await response.json()) as StartChatResponse;
    return new Party(`customer-${chat.id.slice(0, 8)}`, customerToken, {}, [chat.id]);
  }

  get connected(): boolean {
    return this.welcomed && this.ws?.readyState === WebSocket.OPEN;
  }

  lastSeq(chatId: string): number {
    return this.received.get(chatId)?.at(-1)?.seq ?? 0;
  }

  /** Every chat of this client has been replayed on the current connection. */
  isSynced(): boolean {
    return this.connected && this.chatIds.every((chatId) => this.synced.has(chatId));
  }

  /** Connects, says where it left off in each chat, and resends what was not acknowledged. */
  async connect(wsUrl: string): Promise<void> {
    this.synced.clear();
    this.welcomed = false;
    const ws = new WebSocket(wsUrl, { headers: this.headers });
    this.ws = ws;
    ws.on("message", (data) => this.receive(JSON.parse(String(data)) as ServerFrame));
    ws.on("close", () => {
      this.welcomed = false;
      notify();
    });
    // A killed server resets the connection; the close that follows is what counts.
    ws.on("error", () => {});
    await once(ws, "open");
    const cursors = this.chatIds.map((chatId) => ({ chatId, lastSeq: this.lastSeq(chatId) }));
    ws.send(JSON.stringify({ type: "hello", customerToken: this.customerToken, cursors }));
    await until(() => this.welcomed, `${this.name}'s welcome`);
  }

  /** A new message in the next of this client's chats, sent now if connected, kept until acked. */
  sendNext(): void {
    const chatId = this.chatIds[this.sent % this.chatIds.length];
    if (!chatId) return;
    this.sent += 1;
    const pending = {
      chatId,
      clientId: `${this.name}#${this.sent}`,
      body: `${this.name}: message ${this.sent}`,
    };
    this.outbox.set(pending.clientId, pending);
    this.transmit(pending);
  }

  close(): void {
    this.ws?.close();
  }

  private transmit(pending: Pending): void {
    if (this.connected) this.ws?.send(JSON.stringify({ type: "message.send", ...pending }));
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case "welcome":
        this.welcomed = true;
        for (const pending of this.outbox.values()) this.transmit(pending);
        break;
      case "chat":
        if (!this.chatIds.includes(frame.chat.id)) this.chatIds.push(frame.chat.id);
        break;
      case "message": {
        const transcript = this.received.get(frame.message.chatId) ?? [];
        this.received.set(frame.message.chatId, transcript);
        transcript.push(frame.message);
        break;
      }
      case "ack":
        this.outbox.delete(frame.clientId);
        this.acked.set(frame.clientId, frame.message);
        break;
      case "synced":
        this.synced.add(frame.chatId);
        break;
      case "error":
        this.problems.push(JSON.stringify(frame));
        break;
    }
    notify();
  }
}
