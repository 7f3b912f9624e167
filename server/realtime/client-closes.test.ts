/**
 * Closes a client causes (a frame over the size limit, text that is not UTF-8, a flood) are the
 * client's doing, not the server's failure: each is one info line naming the address, with no
 * stack trace, so an anonymous client cannot fill the log with errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FRAME_BYTES } from "../../shared/limits.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { TestSocket } from "../test/socket.js";
import { FRAME_BURST } from "./frame-budget.js";

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** The server's log, line by line, with a way to wait for a line. */
class LogRecorder {
  readonly lines: LogLine[] = [];
  private readonly waiters = new Set<() => void>();

  write(text: string): void {
    for (const line of text.split("\n")) {
      if (line.trim()) this.lines.push(JSON.parse(line) as LogLine);
    }
    for (const wake of this.waiters) wake();
  }

  next(matches: (line: LogLine) => boolean, from: number): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no such log line; got ${JSON.stringify(this.lines.slice(from))}`)),
        10_000,
      );
      const check = () => {
        const line = this.lines.slice(from).find(matches);
        if (!line) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(line);
      };
      this.waiters.add(check);
      check();
    });
  }
}

const INFO = 30;
const log = new LogRecorder();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { LOG_LEVEL: "debug" }, logStream: log });
});
afterAll(() => server.close());

const closes: Array<[string, number, (ws: TestSocket) => void]> = [
  ["a frame over the size limit", 1009, (ws) => ws.send("x".repeat(MAX_FRAME_BYTES + 1))],
  [
    "text that is not UTF-8",
    1007,
    (ws) => ws.socket.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false }),
  ],
  [
    "a flood of frames",
    4429,
    (ws) => {
      for (let index = 0; index < 2 * FRAME_BURST; index++) ws.send("not json");
    },
  ],
];

describe("a close the client caused", () => {
  for (const [cause, code, act] of closes) {
    it(`(${cause}, ${code}) is logged as one info line with the address and no stack trace`, async () => {
      const from = log.lines.length;
      const ws = await TestSocket.open(server.wsUrl);
      act(ws);
      expect(await ws.closed()).toBe(code);
      const line = await log.next((entry) => entry.closeCode === code, from);
      expect(line).toMatchObject({ level: INFO, address: "127.0.0.1" });
      expect(JSON.stringify(line)).not.toMatch(/stack|\n\s+at /);
      // Nothing else of it at warn level or above: a health check marks the end.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const loud = log.lines.slice(from).filter((entry) => entry.level > INFO);
      expect(loud).toEqual([]);
      expect(log.lines.slice(from).filter((entry) => entry.closeCode === code)).toHaveLength(1);
    });
  }
});
