/**
 * Where the machine's CPU goes during a phase: the server processes under test, this load
 * generator, the local PostgreSQL's processes, and everything else (from /proc; Linux only).
 * On a 2-core machine they all share the same two cores, so a saturated machine caps every rate,
 * and CPU used by other work (another engineer's tests) marks a phase as noisy.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

interface ProcessTicks {
  comm: string;
  /** When the process started (tells a reused pid from the same process). */
  startedAt: string;
  ticks: number;
}

function readProcess(pid: string): ProcessTicks | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    // After the command name: state is field 3, utime field 14, stime field 15, starttime 22.
    const fields = stat.slice(close + 2).split(" ");
    return {
      comm,
      startedAt: fields[19] ?? "",
      ticks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return null;
  }
}

function allProcesses(): Map<number, ProcessTicks> {
  const processes = new Map<number, ProcessTicks>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readProcess(name);
    if (entry) processes.set(Number(name), entry);
  }
  return processes;
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

interface Snapshot {
  at: number;
  processes: Map<number, ProcessTicks>;
  machine: { busy: number; total: number };
}

/** CPU used between start() and stop(), in cores (1.0 = one core fully busy). */
export interface CpuUse {
  server_cores: number;
  generator_cores: number;
  postgres_cores: number;
  /** Every other process on the machine: high means the phase was disturbed. */
  other_cores: number;
  /** The whole machine, including interrupt work no process is charged with. */
  machine_busy_cores: number;
  /** Server CPU time per message handled (both directions), in microseconds. */
  server_cpu_us_per_msg?: number;
  /** The busiest other processes, when other work took a noticeable share. */
  others?: string[];
}

export class CpuMeter {
  private started: Snapshot | null = null;

  constructor(private readonly serverPids: number[]) {}

  private snapshot(): Snapshot {
    return { at: performance.now(), processes: allProcesses(), machine: machineTicks() };
  }

  start(): void {
    this.started = this.snapshot();
  }

  stop(messages?: number): CpuUse {
    const start = this.started;
    if (!start) throw new Error("not started");
    const end = this.snapshot();
    const seconds = (end.at - start.at) / 1000;
    const cores = (ticks: number) => Math.round((100 * ticks) / TICKS_PER_SECOND / seconds) / 100;
    let servers = 0;
    let generator = 0;
    let postgres = 0;
    const others: Array<{ name: string; ticks: number }> = [];
    for (const [pid, now] of end.processes) {
      const before = start.processes.get(pid);
      // A process that started during the phase counts from zero.
      const delta = now.ticks - (before && before.startedAt === now.startedAt ? before.ticks : 0);
      if (delta <= 0) continue;
      if (this.serverPids.includes(pid)) servers += delta;
      else if (pid === process.pid) generator += delta;
      else if (now.comm === "postgres") postgres += delta;
      else others.push({ name: `${now.comm}(${pid})`, ticks: delta });
    }
    const machineTotal = end.machine.total - start.machine.total;
    const machineBusy = end.machine.busy - start.machine.busy;
    const machineCores = machineTotal
      ? (machineBusy / machineTotal) * (machineTotal / TICKS_PER_SECOND / seconds)
      : 0;
    // Other processes only: the machine's busy time also holds interrupt work (the loopback
    // network of the load itself), which no process is charged with and which is not noise.
    const otherTicks = others.reduce((sum, entry) => sum + entry.ticks, 0);
    const otherCores = otherTicks / TICKS_PER_SECOND / seconds;
    others.sort((a, b) => b.ticks - a.ticks);
    const serverSeconds = servers / TICKS_PER_SECOND;
    return {
      server_cores: cores(servers),
      generator_cores: cores(generator),
      postgres_cores: cores(postgres),
      other_cores: Math.round(100 * otherCores) / 100,
      machine_busy_cores: Math.round(100 * machineCores) / 100,
      ...(messages ? { server_cpu_us_per_msg: Math.round((serverSeconds * 1e6) / messages) } : {}),
      ...(otherCores > 0.2
        ? {
            others: others.slice(0, 3).map((entry) => `${entry.name} ${cores(entry.ticks)}`),
          }
        : {}),
    };
  }
}

/** Waits (up to `limitMs`) until other work on the machine stays under `cores` for two seconds,
 *  so that a scenario does not start in the middle of someone else's test run. */
export async function waitForQuiet(
  limitMs: number,
  log: (line: string) => void,
  cores = 0.25,
): Promise<boolean> {
  const started = performance.now();
  for (;;) {
    const meter = new CpuMeter([]);
    meter.start();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const use = meter.stop();
    // This process is idle meanwhile, so everything busy is other work.
    const other = use.other_cores + use.postgres_cores;
    if (other < cores) return true;
    if (performance.now() - started > limitMs) {
      log(
        `  the machine is still busy (${other} cores: ${use.others?.join(", ") ?? "kernel"}); going on`,
      );
      return false;
    }
    log(
      `  waiting for a quiet machine: other work takes ${other} cores (${use.others?.join(", ") ?? "kernel"})`,
    );
  }
}
