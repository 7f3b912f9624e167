/**
 * `npm run bench [-- options]`: Madoguchi's benchmark (ARCHITECTURE.md, "Bars"). This process is
 * the load generator; every server under test is a child process on the same machine. Prints one
 * JSON object per line per scenario and back-end on stdout; progress goes to stderr.
 *
 * Scenarios:
 *   steady       N chats, customers and operators exchanging messages: the maximum sustained rate,
 *                then the customer → operator round trip at half of it; the same against the
 *                baseline relay (bench/relay.ts), ratio = ours / baseline.
 *   idle         many connected customers doing nothing: server memory per connection, against a
 *                bare ws server (bench/bare-ws.ts) holding as many.
 *   two-process  steady over two server processes on PostgreSQL + Redis, customers on one and
 *                operators on the other (only with BENCH_DATABASE_URL and BENCH_REDIS_URL).
 *   start        spawn to ready of the built server on an empty DATA_DIR and on it again, against
 *                a bare PGlite initdb (embedded database only; `--scenario=start` alone takes
 *                seconds).
 *
 * Back-ends: pglite always; postgres when BENCH_DATABASE_URL is set (a fresh database is created
 * next to it for every server and dropped afterwards).
 *
 * Options:
 *   --quick              small and short (under 3 minutes in all)
 *   --backend=A,B        pglite,postgres (default: both when available)
 *   --scenario=A,B       steady,idle,two-process,start (default: all)
 *   --chats=N --idle=N   override the sizes
 *   --profile            run the servers with --cpu-prof and print the top self-time functions
 *   --no-build           run dist/server/main.js as it is, instead of compiling the working
 *                        tree into bench/.build first
 *   --keep-profiles      keep the .cpuprofile files (their folder is printed)
 *   --rate=N             no ramp: measure at N/2 msg/s (for diagnosis; ratio is then meaningless)
 *   --out=FILE           also append the JSON lines to FILE
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { FRAMES_PER_SECOND, OPERATOR_FRAMES_PER_SECOND } from "../server/realtime/frame-budget.js";
import { DEFAULT_CHAT_LIMIT } from "../shared/limits.js";
import {
  type Child,
  loopDelay,
  processMemory,
  setServerScript,
  settledMemory,
  startBenchChild,
  startMadoguchi,
} from "./lib/children.js";
import { onInterrupt, undoAll } from "./lib/cleanup.js";
import { CpuMeter, waitForQuiet } from "./lib/cpu.js";
import {
  describeCpu,
  findMaxRate,
  NOISY_CORES,
  type PhaseResult,
  type RampResult,
  SteadyLoad,
} from "./lib/load.js";
import {
  connectCustomers,
  connectOperators,
  madoguchiPopulation,
  type Population,
  relayPopulation,
  requestChats,
} from "./lib/population.js";
import { freshDatabase } from "./lib/postgres.js";
import { profilesIn, summarizeProfile } from "./lib/profile.js";
import { seed } from "./lib/seed.js";
import { measureStart } from "./lib/start.js";
import { round, sleep } from "./lib/stats.js";

type Backend = "pglite" | "postgres";
type Scenario = "steady" | "idle" | "two-process" | "start";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) =>
  argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

const quick = flag("quick");
const profile = flag("profile");
const keepProfiles = flag("keep-profiles");
/** Skip the ramp: take this as the maximum rate (diagnostics; not a result). */
const fixedRate = option("rate") ? Number(option("rate")) : null;
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const redisUrl = process.env.BENCH_REDIS_URL || undefined;
const outFile = option("out");

const sizes = {
  chats: Number(option("chats") ?? (quick ? 200 : 1000)),
  /** Chats per operator in the steady scenario: the product's default chat limit. */
  chatsPerOperator: DEFAULT_CHAT_LIMIT,
  idle: Number(option("idle") ?? (quick ? 300 : 10_000)),
  /** Chats per operator while customers idle. */
  idleChatsPerOperator: 100,
  operatorsPerService: 10,
};
const timing = quick
  ? { idleMs: 1000, warmMs: 1000, stageMs: 1000, drainMs: 1000, measureMs: 3000, bisectSteps: 1 }
  : {
      idleMs: 10_000,
      warmMs: 5000,
      stageMs: 4000,
      drainMs: 1000,
      measureMs: 30_000,
      bisectSteps: 3,
    };
const ramp = { startRate: 200, growth: quick ? 2 : 1.5, lagMs: 250 };

/** A comma-separated option's values, each one of those known: a typo stops the run. */
function listOption<T extends string>(name: string, known: readonly T[], fallback: T[]): T[] {
  const given = option(name);
  if (!given) return fallback;
  const values = given.split(",").map((value) => value.trim());
  const unknown = values.filter((value) => !known.includes(value as T));
  if (unknown.length > 0) {
    throw new Error(`--${name}: unknown ${unknown.join(", ")} (known: ${known.join(", ")})`);
  }
  return values as T[];
}

const backends = listOption<Backend>(
  "backend",
  ["pglite", "postgres"],
  databaseUrl ? ["pglite", "postgres"] : ["pglite"],
);
const scenarios = listOption<Scenario>(
  "scenario",
  ["steady", "idle", "two-process", "start"],
  ["start", "steady", "idle", "two-process"],
);

const BUILD_DIR = "bench/.build";

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The commit measured, marked dirty when server/ or shared/ differ from it (the benchmark
 *  compiles the working tree). */
function treeVersion(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      encoding: "utf8",
    }).trim();
    const changes = execFileSync("git", ["status", "--porcelain", "server", "shared"], {
      encoding: "utf8",
    }).trim();
    return changes ? `${commit}+dirty` : commit;
  } catch {
    return "unknown";
  }
}
const tree = treeVersion();

function emit(result: object): void {
  const line = JSON.stringify({ ...result, tree });
  process.stdout.write(`${line}\n`);
  if (outFile) appendFileSync(outFile, `${line}\n`);
}

/** A temporary folder, and a fresh PostgreSQL database when the back-end is postgres. */
async function storage(backend: Backend, label: string) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `madoguchi-bench-${label}-`));
  if (backend === "postgres" && !databaseUrl) throw new Error("postgres needs BENCH_DATABASE_URL");
  const database =
    backend === "postgres" ? await freshDatabase(databaseUrl as string, label) : null;
  const removeFolder = onInterrupt(() => rm(dataDir, { recursive: true, force: true }));
  return {
    dataDir,
    databaseUrl: database?.url,
    env: { DATA_DIR: dataDir, DATABASE_URL: database?.url ?? "" },
    async remove() {
      await database?.drop();
      await removeFolder();
    },
  };
}

async function profileFolder(label: string): Promise<string | undefined> {
  if (!profile) return undefined;
  const folder = await mkdtemp(path.join(os.tmpdir(), `madoguchi-bench-prof-${label}-`));
  onInterrupt(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

async function reportProfiles(folder: string | undefined, scenario: string, backend: string) {
  if (!folder) return;
  for (const file of await profilesIn(folder)) {
    const summary = await summarizeProfile(file);
    // Helper threads (tsx's module loader) are idle throughout.
    if (summary.total_ms * (summary.busy_pct / 100) < 1000) continue;
    emit({ scenario: `${scenario}-profile`, backend, ...summary });
  }
  if (!keepProfiles) await rm(folder, { recursive: true, force: true });
  else log(`  profiles kept in ${folder}`);
}

interface SteadyOutcome {
  /** The server's CPU with every chat connected and nobody writing (heartbeats, sweeper). */
  idleCores: number;
  ramp: RampResult;
  measured: PhaseResult;
  /** Each server's event-loop delay during the measurement. */
  loops: Array<{ p50: number; p99: number; max: number }>;
  stray: number;
}

/** Warm-up, ramp to the maximum sustained rate, then a measurement at half of it. */
async function driveSteady(
  population: Population,
  servers: Child[],
  label: string,
): Promise<SteadyOutcome> {
  const serverPids = servers.map((server) => server.pid);
  const idleMeter = new CpuMeter(serverPids);
  idleMeter.start();
  await sleep(timing.idleMs);
  const idleCores = idleMeter.stop().server_cores;
  log(`  ${label}: ${idleCores} cores with all chats connected and silent for ${timing.idleMs} ms`);
  const load = new SteadyLoad(population, serverPids);
  const warm = await load.run(ramp.startRate, timing.warmMs, timing.drainMs);
  log(
    `  ${label}: warm-up at ${ramp.startRate} msg/s: ack p99 ${warm.ack.p99} ms, ` +
      `${warm.outstanding} unacked, ${warm.errors} errors`,
  );
  await load.settle(10_000);
  let found: RampResult;
  if (fixedRate) {
    // --rate: no ramp; the "maximum" is the rate given, measured at half of it.
    found = { maxRate: fixedRate, stages: [], noisyStages: 0 };
  } else {
    log(`  ${label}: ramp (stages of ${timing.stageMs} ms, ack p99 bound ${ramp.lagMs} ms)`);
    found = await findMaxRate(load, {
      ...ramp,
      stageMs: timing.stageMs,
      drainMs: timing.drainMs,
      bisectSteps: timing.bisectSteps,
      retryNoisy: !quick,
      log,
    });
  }
  const half = Math.max(1, Math.round(found.maxRate / 2));
  log(`  ${label}: maximum ${found.maxRate} msg/s; measuring ${timing.measureMs} ms at ${half}`);
  const measure = async () => {
    await Promise.all(servers.map((server) => loopDelay.start(server)));
    const result = await load.run(half, timing.measureMs, 5000);
    const loops = await Promise.all(servers.map((server) => loopDelay.stop(server)));
    await load.settle(10_000);
    return { result, loops };
  };
  let { result: measured, loops } = await measure();
  if (!quick && measured.cpu.other_cores > NOISY_CORES) {
    log(`  ${label}: other work took ${measured.cpu.other_cores} cores meanwhile; measuring again`);
    await sleep(2000);
    ({ result: measured, loops } = await measure());
  }
  log(
    `  ${label}: at ${half} msg/s customer → operator p50 ${measured.customer_to_operator.p50} ms, ` +
      `p99 ${measured.customer_to_operator.p99} ms; ack p99 ${measured.ack.p99} ms; errors ${measured.errors}; ` +
      describeCpu(measured.cpu),
  );
  log(
    `  ${label}: server event-loop delay ${loops.map((loop) => `p50 ${loop.p50} p99 ${loop.p99} max ${loop.max} ms`).join("; ")}; ` +
      `slowest seconds [s, max ms, over 50 ms] ${JSON.stringify(measured.worst_seconds)}; ` +
      `generator loop max ${measured.generator_loop_max_ms} ms, GC pauses [s, ms] ${JSON.stringify(measured.generator_gc_pauses)}`,
  );
  return { idleCores, ramp: found, measured, loops, stray: load.strayErrors };
}

/** Customers and operators each send half the messages, each over one connection with its own
 *  frame budget: above this total rate the budget, not the server's capacity, would stop the
 *  ramp (the relay has no such limit). */
function frameBudgetCap(operators: number, customers: number): number {
  return 2 * Math.min(operators * OPERATOR_FRAMES_PER_SECOND, customers * FRAMES_PER_SECOND);
}

function operatorsFor(chats: number, perOperator: number): number {
  return Math.max(1, Math.ceil(chats / perOperator));
}

async function steady(backend: Backend): Promise<void> {
  const chats = sizes.chats;
  const operators = operatorsFor(chats, sizes.chatsPerOperator);
  const services = Math.ceil(operators / sizes.operatorsPerService);
  log(
    `steady on ${backend}: ${chats} chats, ${operators} operators, ${services} services ` +
      `(the frame budget caps the load at ${frameBudgetCap(operators, chats)} msg/s)`,
  );

  // Ours.
  const store = await storage(backend, "steady");
  const ourProfiles = await profileFolder("ours");
  let ours: SteadyOutcome;
  let rss: Awaited<ReturnType<typeof processMemory>>;
  try {
    const seeded = await seed({
      databaseUrl: store.databaseUrl,
      dataDir: store.dataDir,
      services,
      operators,
      chatLimit: sizes.chatsPerOperator + 5,
    });
    const server = await startMadoguchi(store.env, {
      cpuProfileDir: ourProfiles,
      inspect: true,
    });
    try {
      const population = await madoguchiPopulation({
        httpUrl: server.url,
        customerWsUrl: server.wsUrl,
        operatorWsUrl: server.wsUrl,
        serviceKeys: seeded.serviceKeys,
        operatorCookies: seeded.operatorCookies,
        chats,
      });
      ours = await driveSteady(population, [server], "madoguchi");
      rss = await processMemory(server.pid);
      await population.close();
    } finally {
      await server.stop();
    }
  } finally {
    await store.remove();
  }
  await reportProfiles(ourProfiles, "steady", backend);

  // The baseline relay, same driver, same load generator.
  const relayStore = await storage(backend, "relay");
  const relayProfiles = await profileFolder("relay");
  let baseline: SteadyOutcome;
  try {
    const relay = await startBenchChild("relay", "bench/relay.ts", relayStore.env, {
      cpuProfileDir: relayProfiles,
      inspect: true,
    });
    try {
      const population = await relayPopulation({
        wsUrl: relay.url.replace("http", "ws"),
        operators,
        chats,
      });
      baseline = await driveSteady(population, [relay], "baseline relay");
      await population.close();
    } finally {
      await relay.stop();
    }
  } finally {
    await relayStore.remove();
  }
  await reportProfiles(relayProfiles, "steady-relay", backend);

  const ratio = round(ours.ramp.maxRate / baseline.ramp.maxRate, 3);
  const cap = frameBudgetCap(operators, chats);
  const m = ours.measured;
  emit({
    scenario: "steady",
    backend,
    chats,
    operators,
    msgs_per_s: ours.ramp.maxRate,
    measured_at_msgs_per_s: m.offered_msgs_per_s,
    p50_ms: m.customer_to_operator.p50,
    p99_ms: m.customer_to_operator.p99,
    errors: m.errors + ours.stray,
    server_rss_mb: round(rss.rssBytes / 2 ** 20, 1),
    server_peak_rss_mb: round(rss.peakRssBytes / 2 ** 20, 1),
    baseline_msgs_per_s: baseline.ramp.maxRate,
    ratio,
    ack_p50_ms: m.ack.p50,
    ack_p99_ms: m.ack.p99,
    customer_ack_p99_ms: m.customer_ack.p99,
    operator_ack_p99_ms: m.operator_ack.p99,
    operator_to_customer_p99_ms: m.operator_to_customer.p99,
    baseline_p50_ms: baseline.measured.customer_to_operator.p50,
    baseline_p99_ms: baseline.measured.customer_to_operator.p99,
    baseline_errors: baseline.measured.errors + baseline.stray,
    generator_loop_p99_ms: m.generator_loop_p99_ms,
    cpu: m.cpu,
    server_loop_delay_ms: ours.loops[0],
    worst_seconds: m.worst_seconds,
    server_idle_cores: ours.idleCores,
    baseline_cpu: baseline.measured.cpu,
    baseline_loop_delay_ms: baseline.loops[0],
    noisy_stages: ours.ramp.noisyStages + baseline.ramp.noisyStages,
    noisy_measurement:
      m.cpu.other_cores > NOISY_CORES || baseline.measured.cpu.other_cores > NOISY_CORES,
    frame_budget_cap_msgs_per_s: cap,
    bar_ratio_ge_0_5: ratio >= 0.5,
    bar_p99_lt_50ms: m.customer_to_operator.p99 < 50,
    ramp: ours.ramp.stages.map((stage) => [stage.rate, stage.ok ? "held" : stage.reason]),
    baseline_ramp: baseline.ramp.stages.map((stage) => [
      stage.rate,
      stage.ok ? "held" : stage.reason,
    ]),
    mode: quick ? "quick" : "full",
  });
}

interface IdleMemory {
  rss: number;
  heap: number;
}

async function measure(child: Child): Promise<IdleMemory> {
  await sleep(1000);
  const memory = await settledMemory(child);
  return { rss: memory.rss, heap: memory.heapUsed + memory.external };
}

async function idle(backend: Backend): Promise<void> {
  const connections = sizes.idle;
  const operators = operatorsFor(connections, sizes.idleChatsPerOperator);
  const services = Math.ceil(operators / sizes.operatorsPerService);
  log(`idle on ${backend}: ${connections} customers, ${operators} operators`);

  const store = await storage(backend, "idle");
  let ours: { before: IdleMemory; after: IdleMemory; closed: number };
  try {
    const seeded = await seed({
      databaseUrl: store.databaseUrl,
      dataDir: store.dataDir,
      services,
      operators,
      chatLimit: sizes.idleChatsPerOperator + 5,
    });
    const server = await startMadoguchi(store.env, { inspect: true });
    try {
      const operatorSockets = await connectOperators(server.wsUrl, seeded.operatorCookies);
      const started = performance.now();
      const chats = await requestChats(
        server.url,
        seeded.serviceKeys,
        operatorSockets,
        connections,
      );
      log(`  ${connections} chats requested in ${Math.round(performance.now() - started)} ms`);
      const before = await measure(server);
      const customers = await connectCustomers(server.wsUrl, chats);
      log(`  ${connections} customers connected and synced`);
      await sleep(2000);
      const after = await measure(server);
      const closed = customers.filter((socket) => socket.closed).length;
      ours = { before, after, closed };
      await Promise.all([...customers, ...operatorSockets].map((socket) => socket.close()));
    } finally {
      await server.stop();
    }
  } finally {
    await store.remove();
  }

  const bare = await startBenchChild("bare-ws", "bench/bare-ws.ts", {}, { inspect: true });
  let baseline: { before: IdleMemory; after: IdleMemory };
  try {
    const before = await measure(bare);
    const sockets = await connectCustomers(
      bare.url.replace("http", "ws"),
      Array.from({ length: connections }, (_, index) => ({
        chatId: String(index),
        customerToken: "idle",
      })),
      "welcome",
    );
    await sleep(2000);
    const after = await measure(bare);
    baseline = { before, after };
    await Promise.all(sockets.map((socket) => socket.close()));
  } finally {
    await bare.stop();
  }

  const per = (memory: { before: IdleMemory; after: IdleMemory }, key: keyof IdleMemory) =>
    Math.round((memory.after[key] - memory.before[key]) / connections);
  // The larger of the two: RSS also holds native memory (sockets, buffers), but moves in whole
  // pages and arenas, so on a few hundred connections it can even shrink; the heap is exact.
  const conservative = (memory: { before: IdleMemory; after: IdleMemory }) =>
    Math.max(per(memory, "rss"), per(memory, "heap"));
  const bytesPerConn = conservative(ours);
  emit({
    scenario: "idle",
    backend,
    connections,
    bytes_per_conn: bytesPerConn,
    rss_bytes_per_conn: per(ours, "rss"),
    heap_bytes_per_conn: per(ours, "heap"),
    baseline_bytes_per_conn: conservative(baseline),
    baseline_rss_bytes_per_conn: per(baseline, "rss"),
    baseline_heap_bytes_per_conn: per(baseline, "heap"),
    server_rss_mb: round(ours.after.rss / 2 ** 20, 1),
    server_rss_before_mb: round(ours.before.rss / 2 ** 20, 1),
    closed_during_run: ours.closed,
    bar_lt_16kb: bytesPerConn < 16 * 1024,
    mode: quick ? "quick" : "full",
  });
}

async function twoProcess(): Promise<void> {
  if (!databaseUrl || !redisUrl) {
    log("two-process: skipped (needs BENCH_DATABASE_URL and BENCH_REDIS_URL)");
    return;
  }
  const chats = sizes.chats;
  const operators = operatorsFor(chats, sizes.chatsPerOperator);
  const services = Math.ceil(operators / sizes.operatorsPerService);
  log(`two-process on postgres + redis: ${chats} chats, ${operators} operators`);
  const store = await storage("postgres", "two");
  const profiles = await profileFolder("two");
  let outcome: SteadyOutcome;
  let memory: Array<Awaited<ReturnType<typeof processMemory>>>;
  try {
    const seeded = await seed({
      databaseUrl: store.databaseUrl,
      dataDir: store.dataDir,
      services,
      operators,
      chatLimit: sizes.chatsPerOperator + 5,
    });
    const env = { ...store.env, REDIS_URL: redisUrl };
    const customerSide = await startMadoguchi(env, {
      name: "madoguchi-a",
      cpuProfileDir: profiles,
      inspect: true,
    });
    const operatorSide = await startMadoguchi(env, {
      name: "madoguchi-b",
      cpuProfileDir: profiles,
      inspect: true,
    });
    try {
      const population = await madoguchiPopulation({
        httpUrl: customerSide.url,
        customerWsUrl: customerSide.wsUrl,
        operatorWsUrl: operatorSide.wsUrl,
        serviceKeys: seeded.serviceKeys,
        operatorCookies: seeded.operatorCookies,
        chats,
      });
      outcome = await driveSteady(population, [customerSide, operatorSide], "two processes");
      memory = [await processMemory(customerSide.pid), await processMemory(operatorSide.pid)];
      await population.close();
    } finally {
      await Promise.all([customerSide.stop(), operatorSide.stop()]);
    }
  } finally {
    await store.remove();
  }
  await reportProfiles(profiles, "two-process", "postgres+redis");
  const m = outcome.measured;
  emit({
    scenario: "two-process",
    backend: "postgres+redis",
    chats,
    operators,
    msgs_per_s: outcome.ramp.maxRate,
    measured_at_msgs_per_s: m.offered_msgs_per_s,
    p50_ms: m.customer_to_operator.p50,
    p99_ms: m.customer_to_operator.p99,
    errors: m.errors + outcome.stray,
    server_rss_mb: memory.map((entry) => round(entry.rssBytes / 2 ** 20, 1)),
    ack_p50_ms: m.ack.p50,
    ack_p99_ms: m.ack.p99,
    customer_ack_p99_ms: m.customer_ack.p99,
    operator_ack_p99_ms: m.operator_ack.p99,
    operator_to_customer_p99_ms: m.operator_to_customer.p99,
    generator_loop_p99_ms: m.generator_loop_p99_ms,
    frame_budget_cap_msgs_per_s: frameBudgetCap(operators, chats),
    cpu: m.cpu,
    server_loop_delay_ms: outcome.loops,
    worst_seconds: m.worst_seconds,
    server_idle_cores: outcome.idleCores,
    noisy_stages: outcome.ramp.noisyStages,
    noisy_measurement: m.cpu.other_cores > NOISY_CORES,
    ramp: outcome.ramp.stages.map((stage) => [stage.rate, stage.ok ? "held" : stage.reason]),
    mode: quick ? "quick" : "full",
  });
}

async function start(): Promise<void> {
  const rounds = quick ? 1 : 3;
  log(`start on pglite: ${rounds} round(s) of a first start and a restart`);
  const measured = await measureStart(rounds, log);
  emit({
    scenario: "start",
    first_ms: measured.first_ms,
    restart_ms: measured.restart_ms,
    pglite_initdb_ms: measured.pglite_initdb_ms,
    backend: "pglite",
    rounds: measured.rounds,
    bar_restart_lt_1500ms: measured.restart_ms < 1500,
    bar_first_not_slower: measured.first_ms <= measured.restart_ms,
    mode: quick ? "quick" : "full",
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  if (flag("no-build")) {
    if (!existsSync("dist/server/main.js")) throw new Error("dist/server/main.js missing");
  } else {
    // The same compilation as `npm run build`'s server part, into the benchmark's own folder.
    log(`compiling the server (tsc -p tsconfig.build.json --outDir ${BUILD_DIR})`);
    await rm(BUILD_DIR, { recursive: true, force: true });
    execFileSync(
      process.execPath,
      ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json", "--outDir", BUILD_DIR],
      { stdio: "inherit" },
    );
    setServerScript(path.join(BUILD_DIR, "server/main.js"));
  }
  log(
    `madoguchi bench (${quick ? "quick" : "full"}): ${os.cpus().length} cores, ` +
      `${round(os.totalmem() / 2 ** 30, 1)} GiB, node ${process.version}; back-ends ${backends.join(", ")}`,
  );
  // Another engineer's tests may share the machine: each scenario waits a while for quiet.
  const quiet = () => waitForQuiet(quick ? 0 : 120_000, log);
  if (scenarios.includes("start") && backends.includes("pglite")) await quiet().then(start);
  for (const backend of backends) {
    if (scenarios.includes("steady")) await quiet().then(() => steady(backend));
    if (scenarios.includes("idle")) await quiet().then(() => idle(backend));
  }
  if (scenarios.includes("two-process") && (option("backend") ?? "postgres") === "postgres") {
    await quiet().then(() => twoProcess());
  }
  log(`done in ${Math.round((performance.now() - started) / 1000)} s`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers and dropping the databases`);
    void undoAll().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  await undoAll();
  throw error;
}
