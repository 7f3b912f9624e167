/** A real WebSocket client for tests that waits for frames, never for time. */
import type { Socket } from "node:net";
import WebSocket from "ws";
import type { ServerFrame } from "../../shared/protocol.js";
import type { TestServer } from "./harness.js";

const WAIT_LIMIT_MS = 10_000;

export class TestSocket {
  readonly frames: ServerFrame[] = [];
  private cursor = 0;
  private readonly waiters = new Set<() => void>();
  closeCode: number | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      this.frames.push(JSON.parse(String(data)) as ServerFrame);
      for (const wake of this.waiters) wake();
    });
    socket.on("close", (code) => {
      this.closeCode = code;
      for (const wake of this.waiters) wake();
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    const socket = new WebSocket(url, { headers });
    const client = new TestSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(client));
      socket.once("error", reject);
    });
  }

  send(frame: object | string): void {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** The next frame (after those already taken) that matches; frames before it are skipped. */
  next<T extends ServerFrame["type"]>(
    type: T,
    matches: (frame: Extract<ServerFrame, { type: T }>) => boolean = () => true,
  ): Promise<Extract<ServerFrame, { type: T }>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let index = this.cursor; index < this.frames.length; index++) {
          const frame = this.frames[index] as ServerFrame;
          if (frame.type === type && matches(frame as Extract<ServerFrame, { type: T }>)) {
            this.cursor = index + 1;
            finish();
            resolve(frame as Extract<ServerFrame, { type: T }>);
            return;
          }
        }
        if (this.closeCode !== null) {
          finish();
          reject(new Error(`socket closed (${this.closeCode}) before a ${type} frame came`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(`no ${type} frame came; got ${JSON.stringify(this.frames.slice(this.cursor))}`),
        );
      }, WAIT_LIMIT_MS);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves when the server has closed the socket. */
  closed(): Promise<number> {
    return new Promise((resolve) => {
      if (this.closeCode !== null) resolve(this.closeCode);
      else this.socket.once("close", (code) => resolve(code));
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** The TCP socket under a WebSocket: pausing a client's stops it reading, as a stalled client. */
export const tcpOf = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket;

/** The server's end of a test client's connection. */
export function serverEndOf(server: TestServer, client: TestSocket): WebSocket {
  const port = tcpOf(client.socket).localPort;
  for (const socket of server.app.server.websocketServer.clients) {
    if (tcpOf(socket).remotePort === port) return socket;
  }
  throw new Error("the server has no such connection");
}
