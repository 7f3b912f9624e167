/**
 * The steady load: an open-loop schedule of `message.send` frames at a given rate over all chats
 * in turn, each chat alternating customer → operator and operator → customer. Every message has a
 * unique clientId; the generator times
 *   - ack: send → the sender's `ack` (the server committed it),
 *   - delivery: send → the other side's `message` frame (customer → operator is the bar's round
 *     trip; operator → customer is reported too).
 * One clock (this process's performance.now) times both ends, also across two server processes.
 */
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import type { Frame } from "./client.js";
import { CpuMeter, type CpuUse } from "./cpu.js";
import type { Chat, Population } from "./population.js";
import { round, type Summary, sleep, summarize } from "./stats.js";

const BODY = "Hello, I have a question about my order: when will it ship?";

interface Pending {
  sentAt: number;
  fromCustomer: boolean;
  phase: Phase;
  acked: boolean;
  delivered: boolean;
}

class Phase {
  sent = 0;
  acked = 0;
  delivered = 0;
  errors = 0;
  readonly errorCodes = new Map<string, number>();
  readonly ack: number[] = [];
  readonly customerAck: number[] = [];
  readonly operatorAck: number[] = [];
  readonly customerToOperator: number[] = [];
  /** When each customer → operator message was sent (ms since the phase began), by sample. */
  readonly customerToOperatorAt: number[] = [];
  startedAt = performance.now();
  readonly operatorToCustomer: number[] = [];
  constructor(readonly rate: number) {}
  error(code: string) {
    this.errors++;
    this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
  }
}

export interface PhaseResult {
  offered_msgs_per_s: number;
  sent: number;
  /** Acks received per second of the phase (by the end of the drain). */
  acked_msgs_per_s: number;
  outstanding: number;
  undelivered: number;
  errors: number;
  error_codes: Record<string, number>;
  ack: Summary;
  /** Acks of the customers' messages and of the operators' (an operator's console sends for
   *  all its chats over one connection). */
  customer_ack: Summary;
  operator_ack: Summary;
  customer_to_operator: Summary;
  operator_to_customer: Summary;
  /** The seconds of the phase with the slowest customer → operator round trips: [second, max ms,
   *  messages over 50 ms]. Evenly spread means queueing; a few seconds mean stalls. */
  worst_seconds: Array<[number, number, number]>;
  /** The load generator's own garbage-collection pauses over 10 ms: [second, ms]. A pause
   *  delays the timing of every frame behind it, so it shows as a slow second. */
  generator_gc_pauses: Array<[number, number]>;
  generator_loop_max_ms: number;
  /** The load generator's own event-loop delay p99: high means it, not the server, lagged. */
  generator_loop_p99_ms: number;
  cpu: CpuUse;
}

export class SteadyLoad {
  private readonly pending = new Map<string, Pending>();
  private nextClientId = 0;
  private cursor = 0;
  private current: Phase | null = null;
  private readonly chats: Chat[];
  /** Socket closes and errors outside any phase. */
  strayErrors = 0;

  private readonly cpu: CpuMeter;

  constructor(population: Population, serverPids: number[]) {
    this.cpu = new CpuMeter(serverPids);
    this.chats = population.chats;
    const sockets = new Set(population.chats.flatMap((chat) => [chat.customer, chat.operator]));
    for (const socket of sockets) {
      const role = socket.role;
      socket.onFrame = (frame) => this.receive(role, frame);
      socket.onClose = (code) => {
        if (this.current) this.current.error(`closed:${code}`);
        else this.strayErrors++;
      };
    }
  }

  private receive(role: string, frame: Frame): void {
    switch (frame.type) {
      case "ack": {
        const pending = frame.clientId ? this.pending.get(frame.clientId) : undefined;
        if (!pending || pending.acked) return;
        pending.acked = true;
        pending.phase.acked++;
        const latency = performance.now() - pending.sentAt;
        pending.phase.ack.push(latency);
        (pending.fromCustomer ? pending.phase.customerAck : pending.phase.operatorAck).push(
          latency,
        );
        if (pending.delivered) this.pending.delete(frame.clientId as string);
        return;
      }
      case "message": {
        const message = frame.message;
        // The sender's own echo is not a delivery.
        if (!message?.clientId || message.author === role) return;
        const pending = this.pending.get(message.clientId);
        if (!pending || pending.delivered) return;
        pending.delivered = true;
        pending.phase.delivered++;
        const latency = performance.now() - pending.sentAt;
        if (pending.fromCustomer) {
          pending.phase.customerToOperator.push(latency);
          pending.phase.customerToOperatorAt.push(pending.sentAt - pending.phase.startedAt);
        } else pending.phase.operatorToCustomer.push(latency);
        if (pending.acked) this.pending.delete(message.clientId);
        return;
      }
      case "error":
        if (this.current) this.current.error(frame.code ?? "error");
        else this.strayErrors++;
        return;
    }
  }

  private sendOne(phase: Phase): void {
    // Chats in turn; within a sweep every other chat starts with its customer, and each chat
    // changes direction from one sweep to the next, so any run of messages is half each way.
    const index = this.cursor % this.chats.length;
    const sweep = Math.floor(this.cursor / this.chats.length);
    this.cursor++;
    const chat = this.chats[index] as Chat;
    const fromCustomer = (index + sweep) % 2 === 0;
    const socket = fromCustomer ? chat.customer : chat.operator;
    const clientId = `b${++this.nextClientId}`;
    this.pending.set(clientId, {
      sentAt: performance.now(),
      fromCustomer,
      phase,
      acked: false,
      delivered: false,
    });
    phase.sent++;
    socket.sendRaw(
      `{"type":"message.send","chatId":"${chat.id}","clientId":"${clientId}","body":"${BODY} #${clientId}"}`,
    );
  }

  /** Sends at `rate` messages/s for `durationMs`, then waits up to `drainMs` for the answers. */
  async run(rate: number, durationMs: number, drainMs: number): Promise<PhaseResult> {
    const phase = new Phase(rate);
    this.current = phase;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const pauses: Array<[number, number]> = [];
    const gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.duration > 10) {
          pauses.push([
            Math.floor((entry.startTime - phase.startedAt) / 1000),
            round(entry.duration, 1),
          ]);
        }
      }
    });
    gc.observe({ entryTypes: ["gc"] });
    this.cpu.start();
    const total = Math.round((rate * durationMs) / 1000);
    const start = performance.now();
    phase.startedAt = start;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const elapsed = performance.now() - start;
        const due = Math.min(total, Math.floor((rate * elapsed) / 1000));
        while (phase.sent < due) this.sendOne(phase);
        if (phase.sent >= total) resolve();
        else setTimeout(tick, 1);
      };
      tick();
    });
    const sendEnded = performance.now();
    while (
      (phase.acked < phase.sent || phase.delivered < phase.sent) &&
      performance.now() - sendEnded < drainMs
    ) {
      await sleep(10);
    }
    loop.disable();
    gc.disconnect();
    const cpu = this.cpu.stop(phase.acked);
    this.current = null;
    const elapsedS = (sendEnded - start) / 1000;
    const result: PhaseResult = {
      offered_msgs_per_s: rate,
      sent: phase.sent,
      acked_msgs_per_s: round(phase.acked / elapsedS, 1),
      outstanding: phase.sent - phase.acked,
      undelivered: phase.sent - phase.delivered,
      errors: phase.errors,
      error_codes: Object.fromEntries(phase.errorCodes),
      ack: summarize(phase.ack),
      customer_ack: summarize(phase.customerAck),
      operator_ack: summarize(phase.operatorAck),
      customer_to_operator: summarize(phase.customerToOperator),
      operator_to_customer: summarize(phase.operatorToCustomer),
      worst_seconds: worstSeconds(phase),
      generator_gc_pauses: pauses,
      generator_loop_max_ms: round(loop.max / 1e6),
      generator_loop_p99_ms: round(loop.percentile(99) / 1e6),
      cpu,
    };
    return result;
  }

  /** Waits until everything sent so far is answered (after an overloaded phase), then forgets
   *  what never will be. */
  async settle(limitMs: number): Promise<number> {
    const started = performance.now();
    const unanswered = () =>
      [...this.pending.values()].filter((entry) => !entry.acked || !entry.delivered).length;
    while (unanswered() > 0 && performance.now() - started < limitMs) await sleep(50);
    const lost = unanswered();
    this.pending.clear();
    return lost;
  }
}

function worstSeconds(phase: Phase): Array<[number, number, number]> {
  const seconds = new Map<number, { max: number; slow: number }>();
  phase.customerToOperator.forEach((latency, index) => {
    const second = Math.floor((phase.customerToOperatorAt[index] ?? 0) / 1000);
    const entry = seconds.get(second) ?? { max: 0, slow: 0 };
    entry.max = Math.max(entry.max, latency);
    if (latency > 50) entry.slow++;
    seconds.set(second, entry);
  });
  return [...seconds.entries()]
    .sort((a, b) => b[1].max - a[1].max)
    .slice(0, 5)
    .map(([second, entry]) => [second, round(entry.max, 1), entry.slow]);
}

/** One line of where the CPU went. */
export function describeCpu(cpu: CpuUse): string {
  return (
    `cores: server ${cpu.server_cores}, postgres ${cpu.postgres_cores}, ` +
    `generator ${cpu.generator_cores}, other ${cpu.other_cores}` +
    `${cpu.others ? ` [${cpu.others.join(", ")}]` : ""}; server ${cpu.server_cpu_us_per_msg} µs/msg`
  );
}

/** Other work on the machine took more than this many cores: the phase was disturbed. */
export const NOISY_CORES = 0.3;

export interface RampOptions {
  startRate: number;
  stageMs: number;
  drainMs: number;
  /** An ack p99 above this means the server is falling behind. */
  lagMs: number;
  bisectSteps: number;
  growth: number;
  /** Run a failed stage once more when other work disturbed it. */
  retryNoisy: boolean;
  log: (line: string) => void;
}

export interface RampResult {
  maxRate: number;
  stages: Array<{ rate: number; ok: boolean; reason: string; result: PhaseResult }>;
  /** Stages during which other work took more than NOISY_CORES. */
  noisyStages: number;
}

/** A stage holds when nothing failed, every message was acknowledged and delivered within the
 *  drain time, and the ack p99 stayed under the lag bound. */
export function judge(result: PhaseResult, lagMs: number): { ok: boolean; reason: string } {
  if (result.errors > 0)
    return { ok: false, reason: `errors ${JSON.stringify(result.error_codes)}` };
  if (result.outstanding > 0) return { ok: false, reason: `${result.outstanding} unacked` };
  if (result.undelivered > 0) return { ok: false, reason: `${result.undelivered} undelivered` };
  if (result.ack.p99 > lagMs) return { ok: false, reason: `ack p99 ${result.ack.p99} ms` };
  return { ok: true, reason: "held" };
}

/** Raises the rate geometrically until a stage fails, then bisects between the last held rate
 *  and the first failed one. */
export async function findMaxRate(load: SteadyLoad, options: RampOptions): Promise<RampResult> {
  const stages: RampResult["stages"] = [];
  const tryRate = async (rate: number, retry = true): Promise<boolean> => {
    const result = await load.run(rate, options.stageMs, options.drainMs);
    const verdict = judge(result, options.lagMs);
    if (!verdict.ok && retry && options.retryNoisy && result.cpu.other_cores > NOISY_CORES) {
      options.log(
        `    ${String(rate).padStart(6)} msg/s: failed while other work took ` +
          `${result.cpu.other_cores} cores (${result.cpu.others?.join(", ") ?? "kernel"}); once more`,
      );
      await load.settle(30_000);
      await sleep(2000);
      return tryRate(rate, false);
    }
    stages.push({ rate, ...verdict, result });
    options.log(
      `    ${String(rate).padStart(6)} msg/s: ${verdict.ok ? "held  " : "FAILED"} ` +
        `ack p50 ${result.ack.p50} p99 ${result.ack.p99} ms (customer ${result.customer_ack.p99}, ` +
        `operator ${result.operator_ack.p99}), c→o p99 ${result.customer_to_operator.p99} ms` +
        `${verdict.ok ? "" : ` (${verdict.reason})`}; ${describeCpu(result.cpu)}`,
    );
    const lost = await load.settle(30_000);
    if (lost > 0) options.log(`    (${lost} messages never answered)`);
    await sleep(300);
    return verdict.ok;
  };
  let good = 0;
  let bad = Number.POSITIVE_INFINITY;
  let rate = options.startRate;
  for (;;) {
    if (await tryRate(rate)) {
      good = rate;
      rate = Math.round(rate * options.growth);
    } else {
      bad = rate;
      break;
    }
    if (rate > 1_000_000) break;
  }
  // The first rate already failed: go down until one holds.
  while (good === 0 && bad > 10) {
    rate = Math.round(bad / 2);
    if (await tryRate(rate)) good = rate;
    else bad = rate;
  }
  for (let step = 0; step < options.bisectSteps && Number.isFinite(bad); step++) {
    const middle = Math.round((good + bad) / 2);
    if (middle <= good || middle >= bad) break;
    if (await tryRate(middle)) good = middle;
    else bad = middle;
  }
  const noisyStages = stages.filter((stage) => stage.result.cpu.other_cores > NOISY_CORES).length;
  return { maxRate: good, stages, noisyStages };
}
