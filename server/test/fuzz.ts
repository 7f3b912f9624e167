/**
 * Random and mutated client frames for the hostile-input tests, from a seeded generator so that a
 * failing run can be replayed from its seed. Every frame fits in MAX_FRAME_BYTES: frames over it
 * are refused before they are read, which hostile.test.ts checks on its own.
 */
import { MAX_FRAME_BYTES } from "../../shared/limits.js";
import type { ClientFrame } from "../../shared/protocol.js";

export interface FuzzFrame {
  data: string | Buffer;
  binary: boolean;
}

/** mulberry32: 32 bits of state, good enough to spread test cases, reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const alphabets = [
  "abcdefghijklmnopqrstuvwxyz0123456789 ",
  "<script>alert(1)</script>\"'&;--{}[]\\/",
  "こんにちは注文が届きません안녕하세요😀👍🏽",
  "\u0000\u0001\u0007\b\t\n\r\u001b\u007f\u2028\u2029\ufeff",
  "\ud800\udbff\udc00\udfff", // lone surrogates, once split apart
];

const frameTypes: ClientFrame["type"][] = [
  "hello",
  "message.send",
  "typing.set",
  "read.set",
  "chat.end",
  "rating.request",
  "rating.set",
  "chat.transfer",
  "chat.follow",
];

export class Fuzzer {
  private readonly random: () => number;

  constructor(
    seed: number,
    /** Chat ids to aim at: none of them may be the sender's own. */
    private readonly chatIds: string[],
    /** Customer tokens to say hello with: forged or foreign ones. */
    private readonly tokens: string[],
  ) {
    this.random = seededRandom(seed);
  }

  /** The next frame: usually a valid frame of some type, mutated; sometimes plain junk. */
  next(): FuzzFrame {
    for (;;) {
      const frame = this.candidate();
      const size =
        typeof frame.data === "string" ? Buffer.byteLength(frame.data) : frame.data.length;
      if (size <= MAX_FRAME_BYTES) return frame;
    }
  }

  private candidate(): FuzzFrame {
    const roll = this.random();
    if (roll < 0.04) return { data: this.bytes(this.int(1, 2000)), binary: true };
    if (roll < 0.1) return { data: this.garbageText(), binary: false };
    if (roll < 0.16) return { data: JSON.stringify(this.junk(4)), binary: false };
    const frame: Record<string, unknown> = this.validFrame();
    if (roll > 0.22) {
      for (let count = this.int(1, 3); count > 0; count--) this.mutate(frame);
    }
    const text = JSON.stringify(this.chance(0.03) ? [frame] : frame);
    // Truncated JSON: a frame cut anywhere.
    if (this.chance(0.04))
      return { data: text.slice(0, this.int(0, text.length - 1)), binary: false };
    return { data: text, binary: false };
  }

  /** A well-formed frame of a random type, aimed at a chat that is not the sender's. */
  validFrame(): Record<string, unknown> {
    const type = this.pick(frameTypes);
    const chatId = this.chatId();
    const requestId = this.chance(0.5) ? { requestId: this.text(this.int(0, 64)) } : {};
    switch (type) {
      case "hello":
        return {
          type,
          ...(this.chance(0.7) ? { customerToken: this.pick(this.tokens) } : {}),
          cursors: Array.from({ length: this.int(0, 3) }, () => ({
            chatId: this.chatId(),
            lastSeq: this.int(0, 10),
          })),
        };
      case "message.send":
        return { type, chatId, clientId: this.text(this.int(1, 64)), body: `x${this.text(40)}` };
      case "typing.set":
        return { type, chatId, typing: this.chance(0.5), ...requestId };
      case "read.set":
        return { type, chatId, seq: this.int(0, 100), ...requestId };
      case "rating.set":
        return { type, chatId, score: this.int(1, 5), comment: this.text(20), ...requestId };
      case "chat.transfer":
        return { type, chatId, operatorId: this.uuid(), ...requestId };
      case "chat.follow":
        return { type, chatId, lastSeq: this.int(0, 10), ...requestId };
      default:
        return { type, chatId, ...requestId };
    }
  }

  private mutate(frame: Record<string, unknown>): void {
    // The type mostly stays, so that most mutations reach a field of a known frame.
    const fields = Object.keys(frame).filter((name) => name !== "type");
    const key = fields.length > 0 && this.chance(0.85) ? this.pick(fields) : "type";
    switch (this.int(0, 7)) {
      case 0:
        delete frame[key];
        return;
      case 1:
        frame[key] = this.junk(2);
        return;
      case 2:
        // Far past every field's limit, still under the frame's.
        frame[key] = this.text(this.int(65, 20_000));
        return;
      case 3:
        frame[key] = this.nested(this.int(10, 2000));
        return;
      case 4:
        frame[key] = this.brokenUuid();
        return;
      case 5:
        // Defined, not assigned: `frame.__proto__ = …` would set the prototype, not a key.
        Object.defineProperty(frame, this.pick(["__proto__", "constructor", this.text(8)]), {
          value: this.junk(2),
          enumerable: true,
          configurable: true,
          writable: true,
        });
        return;
      case 6:
        frame.type = this.chance(0.5) ? this.pick(frameTypes) : this.text(this.int(0, 20));
        return;
      default:
        frame[key] = this.pick([-1, 0, 1.5, 6, 2 ** 53 + 1, -0, 1e308, "1", true, null]);
    }
  }

  private junk(depth: number): unknown {
    switch (this.int(0, depth > 0 ? 7 : 4)) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.pick([0, -1, 3.14, 1e21, -1e-7, 2 ** 31, Number.MAX_SAFE_INTEGER]);
      case 3:
        return this.text(this.int(0, 30));
      case 4:
        return this.uuid();
      case 5:
        return Array.from({ length: this.int(0, 4) }, () => this.junk(depth - 1));
      default:
        return Object.fromEntries(
          Array.from({ length: this.int(0, 4) }, () => [this.text(6), this.junk(depth - 1)]),
        );
    }
  }

  private nested(depth: number): unknown {
    let value: unknown = this.junk(0);
    for (let level = 0; level < depth; level++) value = this.chance(0.5) ? [value] : { a: value };
    return value;
  }

  private garbageText(): string {
    return this.pick([
      () => this.text(this.int(0, 200)),
      () => "{".repeat(this.int(1, 5000)),
      () => `{"type":"message.send","chatId":"${this.chatId()}",`,
      () => "[".repeat(this.int(1, 5000)) + "]".repeat(this.int(0, 5000)),
      () => `{"type":"hello"}${this.text(3)}`,
      () => "NaN",
    ])();
  }

  private chatId(): string {
    return this.chance(0.7) ? this.pick(this.chatIds) : this.uuid();
  }

  private brokenUuid(): string {
    const uuid = this.uuid();
    return this.pick([
      "",
      "not-a-uuid",
      uuid.replaceAll("-", ""),
      `${uuid}0`,
      uuid.slice(1),
      uuid.replace(/[0-9a-f]/, "g"),
      ` ${uuid}`,
      "00000000-0000-0000-0000-000000000000",
      `${uuid}' OR '1'='1`,
    ]);
  }

  private uuid(): string {
    const hex = (length: number) =>
      Array.from({ length }, () => this.int(0, 15).toString(16)).join("");
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${this.pick(["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`;
  }

  private text(length: number): string {
    const alphabet = this.pick(alphabets);
    return Array.from({ length }, () => alphabet.charAt(this.int(0, alphabet.length - 1))).join("");
  }

  private bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(0, 255)));
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private chance(probability: number): boolean {
    return this.random() < probability;
  }

  private pick<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)] as T;
  }
}
