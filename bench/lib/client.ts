/** One WebSocket of the load generator: a real `ws` client that parses each frame once and hands
 *  it to whoever drives the socket (set-up waiters first, then the load's handler). */
import WebSocket from "ws";

/** The frames the load generator reads; the server sends more, which it ignores. */
export interface Frame {
  type: string;
  clientId?: string;
  chatId?: string;
  code?: string;
  message?: { chatId: string; clientId: string | null; author: string; seq?: number };
  chat?: { id: string };
}

export type Role = "customer" | "operator";

interface Waiter {
  matches: (frame: Frame) => boolean;
  resolve: (frame: Frame) => void;
}

const WAIT_LIMIT_MS = 60_000;

export class BenchSocket {
  /** Called for every frame no waiter took. */
  onFrame: ((frame: Frame) => void) | null = null;
  onClose: ((code: number) => void) | null = null;
  private readonly waiters = new Set<Waiter>();
  closed = false;

  private constructor(
    readonly socket: WebSocket,
    readonly role: Role,
  ) {
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      for (const waiter of this.waiters) {
        if (waiter.matches(frame)) {
          this.waiters.delete(waiter);
          waiter.resolve(frame);
          return;
        }
      }
      this.onFrame?.(frame);
    });
    socket.on("close", (code) => {
      this.closed = true;
      this.onClose?.(code);
    });
    socket.on("error", () => {});
  }

  static open(
    url: string,
    role: Role,
    options: { headers?: Record<string, string>; localAddress?: string } = {},
  ): Promise<BenchSocket> {
    const socket = new WebSocket(url, {
      headers: options.headers,
      localAddress: options.localAddress,
      perMessageDeflate: false,
    });
    const client = new BenchSocket(socket, role);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(client));
      socket.once("error", reject);
    });
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** The next frame that matches, among those not yet handed to onFrame. */
  next(matches: (frame: Frame) => boolean, what = "frame"): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no ${what} within ${WAIT_LIMIT_MS} ms`));
      }, WAIT_LIMIT_MS);
      const waiter: Waiter = {
        matches,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      this.waiters.add(waiter);
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.close();
      // A server that is gone or slow to answer the close must not hold the run.
      setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, 2000).unref();
    });
  }
}
