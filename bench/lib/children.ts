/**
 * The processes under test, each a child of the load generator: the built Madoguchi server
 * (`node dist/server/main.js`, as `npm start` runs it), the baseline relay and the bare ws server.
 * Memory is read from /proc, and after a full garbage collection through the inspector when the
 * child was started with one.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import path from "node:path";
import WebSocket from "ws";
import { onInterrupt } from "./cleanup.js";

export interface Child {
  name: string;
  pid: number;
  /** http://127.0.0.1:PORT */
  url: string;
  wsUrl: string;
  inspectorUrl: string | null;
  stop(): Promise<void>;
}

export interface ChildOptions {
  name: string;
  script: string;
  env: Record<string, string>;
  /** Matches the line that says the child is ready. */
  ready: RegExp;
  port: number;
  /** Open an inspector (for measuring memory after a forced GC). */
  inspect?: boolean;
  /** Write a CPU profile into this folder when the child exits. */
  cpuProfileDir?: string;
  /** Extra flags before the script (e.g. --import tsx). */
  nodeFlags?: string[];
}

import { freePort, startFlags } from "../../e2e/server-process.js";

export { freePort };

export async function startChild(options: ChildOptions): Promise<Child> {
  const flags = [...(options.nodeFlags ?? [])];
  if (options.inspect) flags.push("--inspect=127.0.0.1:0");
  if (options.cpuProfileDir) flags.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`);
  const child: ChildProcess = spawn(process.execPath, [...flags, path.resolve(options.script)], {
    env: { ...process.env, LOG_LEVEL: "warn", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let inspectorUrl: string | null = null;
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      inspectorUrl ??= output.match(/Debugger listening on (ws:\/\/\S+)/)?.[1] ?? null;
      if (options.ready.test(output)) resolve();
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`${options.name} exited (${code}):\n${output}`)));
  });
  // Later output (warnings, errors) goes to our stderr, marked with the child's name.
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (line.trim() && !line.includes("Debugger") && !line.includes("For help, see")) {
        process.stderr.write(`  [${options.name}] ${line}\n`);
      }
    }
  };
  child.stdout?.removeAllListeners("data").on("data", relay);
  child.stderr?.removeAllListeners("data").on("data", relay);
  if (!child.pid) throw new Error(`${options.name} has no pid`);
  const base = `http://127.0.0.1:${options.port}`;
  const stop = onInterrupt(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
  });
  return {
    name: options.name,
    pid: child.pid,
    url: base,
    wsUrl: `${base.replace("http", "ws")}/ws`,
    inspectorUrl,
    stop,
  };
}

/** The compiled server to run: the benchmark's own build (bench/.build), so that a rebuild of
 *  dist/ by someone else during a run cannot change the code under test, or dist/ itself. */
let serverScript = "dist/server/main.js";

export function setServerScript(script: string): void {
  serverScript = script;
}

/** Madoguchi, built, run as `npm start` runs it (`node <its flags> <build>/server/main.js`). */
export async function startMadoguchi(
  env: Record<string, string>,
  options: { name?: string; inspect?: boolean; cpuProfileDir?: string } = {},
): Promise<Child> {
  const port = await freePort();
  return startChild({
    name: options.name ?? "madoguchi",
    script: serverScript,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789",
      ADMIN_PASSWORD: "bench-admin-password",
      // Every chat of the benchmark is requested from 127.0.0.1.
      CHAT_REQUESTS_PER_MINUTE: "100000000",
      // Its sockets come from 200 loopback addresses (population.ts): 50 customers each at the
      // full idle size, within the defaults, but --idle may ask for many more.
      WS_CONNECTIONS_PER_ADDRESS: "100000000",
      WS_CONNECTIONS_PER_MINUTE: "100000000",
      ...env,
    },
    ready: /Madoguchi ready/,
    port,
    nodeFlags: startFlags,
    inspect: options.inspect,
    cpuProfileDir: options.cpuProfileDir,
  });
}

/** A child written in TypeScript under bench/ (the relay, the bare ws server). */
export async function startBenchChild(
  name: string,
  script: string,
  env: Record<string, string>,
  options: { inspect?: boolean; cpuProfileDir?: string } = {},
): Promise<Child> {
  const port = await freePort();
  return startChild({
    name,
    script,
    env: { PORT: String(port), ...env },
    ready: /ready on \d+/,
    port,
    nodeFlags: ["--import", "tsx"],
    ...options,
  });
}

export interface ProcessMemory {
  rssBytes: number;
  peakRssBytes: number;
}

export async function processMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1]);
  return { rssBytes: kib("VmRSS") * 1024, peakRssBytes: kib("VmHWM") * 1024 };
}

export interface SettledMemory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** Evaluates an expression in the child (through its inspector, with the console's command-line
 *  API, so `require` is there) and returns its JSON value. */
export async function evaluateIn(child: Child, expression: string): Promise<unknown> {
  if (!child.inspectorUrl) throw new Error(`${child.name} has no inspector`);
  const socket = new WebSocket(child.inspectorUrl);
  await once(socket, "open");
  try {
    const reply = new Promise<unknown>((resolve) => {
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as {
          id?: number;
          result?: { result?: { value?: unknown } };
        };
        if (message.id === 1) resolve(message.result?.result?.value);
      });
    });
    socket.send(
      JSON.stringify({
        id: 1,
        method: "Runtime.evaluate",
        params: { expression, includeCommandLineAPI: true, returnByValue: true },
      }),
    );
    return await reply;
  } finally {
    socket.close();
  }
}

/** The server's event-loop delay over a phase: started before, read (and stopped) after. */
export const loopDelay = {
  start: (child: Child) =>
    evaluateIn(
      child,
      `globalThis.__benchLoop = require("node:perf_hooks").monitorEventLoopDelay({ resolution: 5 });
       globalThis.__benchLoop.enable(); true`,
    ),
  async stop(child: Child): Promise<{ p50: number; p99: number; max: number }> {
    const value = await evaluateIn(
      child,
      `(() => { const h = globalThis.__benchLoop; h.disable();
         return JSON.stringify({ p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6,
           max: h.max / 1e6 }); })()`,
    );
    const parsed = JSON.parse(String(value)) as { p50: number; p99: number; max: number };
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return { p50: round(parsed.p50), p99: round(parsed.p99), max: round(parsed.max) };
  },
};

/** The child's memory after full garbage collections, read through its inspector. */
export async function settledMemory(child: Child): Promise<SettledMemory> {
  if (!child.inspectorUrl) throw new Error(`${child.name} has no inspector`);
  const socket = new WebSocket(child.inspectorUrl);
  await once(socket, "open");
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on("message", (data) => {
    const reply = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (reply.id !== undefined) pending.get(reply.id)?.(reply.result);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const callId = ++id;
      pending.set(callId, resolve);
      socket.send(JSON.stringify({ id: callId, method, params }));
    });
  try {
    for (let round = 0; round < 3; round++) await call("HeapProfiler.collectGarbage");
    const result = (await call("Runtime.evaluate", {
      expression: "JSON.stringify(process.memoryUsage())",
      returnByValue: true,
    })) as { result: { value: string } };
    return JSON.parse(result.result.value) as SettledMemory;
  } finally {
    socket.close();
  }
}
