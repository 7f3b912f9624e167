/**
 * Where the machine's CPU goes during a phase: the server processes under test, this load
 * generator, the local PostgreSQL's processes, and the machine in all (from /proc; Linux only).
 * On a 2-core machine they all share the same two cores, so a saturated machine caps every rate.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function postgresTicks(): number {
  let total = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, "utf8").trim() === "postgres") {
        total += processTicks(Number(name));
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
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
  servers: number;
  generator: number;
  postgres: number;
  machine: { busy: number; total: number };
}

/** CPU used between start() and stop(), in cores (1.0 = one core fully busy). */
export interface CpuUse {
  server_cores: number;
  generator_cores: number;
  postgres_cores: number;
  machine_busy_cores: number;
  /** Server CPU time per message handled (both directions), in microseconds. */
  server_cpu_us_per_msg?: number;
}

export class CpuMeter {
  private started: Snapshot | null = null;

  constructor(private readonly serverPids: number[]) {}

  private snapshot(): Snapshot {
    const usage = process.cpuUsage();
    return {
      at: performance.now(),
      servers: this.serverPids.reduce((sum, pid) => sum + processTicks(pid), 0),
      generator: (usage.user + usage.system) / 1e6,
      postgres: postgresTicks(),
      machine: machineTicks(),
    };
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
    const machineTotal = end.machine.total - start.machine.total;
    const machineCores = machineTotal
      ? ((end.machine.busy - start.machine.busy) / machineTotal) *
        (machineTotal / TICKS_PER_SECOND / seconds)
      : 0;
    const serverSeconds = (end.servers - start.servers) / TICKS_PER_SECOND;
    return {
      server_cores: cores(end.servers - start.servers),
      generator_cores: Math.round((100 * (end.generator - start.generator)) / seconds) / 100,
      postgres_cores: cores(end.postgres - start.postgres),
      machine_busy_cores: Math.round(100 * machineCores) / 100,
      ...(messages ? { server_cpu_us_per_msg: Math.round((serverSeconds * 1e6) / messages) } : {}),
    };
  }
}
